//! The words of in-year monitoring: a warning light with its ratio, and the
//! sentence that says what a checkpoint still asks for.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Lang;
use crate::domain::monitoring::{CheckpointStatus, Light};
use crate::domain::{Money, Unit};

impl Lang {
    /// A light as a word with its ratio, `红 47.15`; `—` for none (no budget,
    /// or a line not paced). The word is there so colour never says it alone.
    pub fn light(self, light: Option<Light>, ratio: Option<Decimal>) -> String {
        match (light, ratio) {
            (Some(light), Some(ratio)) => format!("{} {ratio}", self.word(light)),
            (Some(light), None) => self.word(light).to_string(),
            (None, _) => "—".to_string(),
        }
    }

    /// When a checkpoint falls, as people say it: `9 月底` / `end of September`
    /// for a month's last day, else the date.
    pub fn checkpoint_date(self, date: NaiveDate) -> String {
        let month_end = date
            .succ_opt()
            .is_none_or(|next| next.month() != date.month());
        match (self, month_end) {
            (Lang::Zh, true) => format!("{} 月底", date.month()),
            (Lang::Zh, false) => format!("{} 月 {} 日", date.month(), date.day()),
            (Lang::En, true) => format!("the end of {}", date.format("%B")),
            (Lang::En, false) => date.format("%-d %B").to_string(),
        }
    }

    /// What the next checkpoint asks: `9 月底须达 75%（现 50.00%），须再支付 250.00 元`.
    pub fn checkpoint(self, status: &CheckpointStatus, unit: Unit) -> String {
        let when = self.checkpoint_date(status.date);
        let target = status.target.normalize();
        let now = status.rate.map_or("—".to_string(), |r| format!("{r}%"));
        let money = |m: Money| format!("{} {}", m.display_lone(unit), self.unit(unit));
        match (self, status.reached()) {
            (Lang::Zh, true) => format!("{when}目标 {target}%：已达到（现 {now}）"),
            (Lang::Zh, false) => format!(
                "{when}须达 {target}%（现 {now}），须再支付 {}",
                money(status.to_pay)
            ),
            (Lang::En, true) => format!("{target}% by {when}: reached (now {now})"),
            (Lang::En, false) => format!(
                "{target}% by {when} (now {now}): pay {} more",
                money(status.to_pay)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(to_pay: i64) -> CheckpointStatus {
        CheckpointStatus {
            date: "2021-09-30".parse().unwrap(),
            target: Decimal::from(75),
            rate: Some(Decimal::new(5000, 2)),
            to_pay: Money::from_fen(to_pay),
        }
    }

    #[test]
    fn a_checkpoint_says_when_how_far_and_how_much_in_either_language() {
        assert_eq!(
            Lang::Zh.checkpoint(&status(123_450_000), Unit::Wan),
            "9 月底须达 75%（现 50.00%），须再支付 123.45 万元"
        );
        assert_eq!(
            Lang::En.checkpoint(&status(25_000), Unit::Yuan),
            "75% by the end of September (now 50.00%): pay 250.00 yuan more"
        );
        assert_eq!(
            Lang::Zh.checkpoint(&status(0), Unit::Yuan),
            "9 月底目标 75%：已达到（现 50.00%）"
        );
        assert_eq!(
            Lang::Zh.checkpoint_date("2021-06-15".parse().unwrap()),
            "6 月 15 日"
        );
    }

    #[test]
    fn a_light_is_a_word_with_its_ratio_or_a_dash() {
        assert_eq!(
            Lang::Zh.light(Some(Light::Red), Some(Decimal::new(4715, 2))),
            "红 47.15"
        );
        assert_eq!(Lang::En.light(Some(Light::Green), None), "green");
        assert_eq!(Lang::En.light(None, None), "—");
    }
}
