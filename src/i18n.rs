//! The user's language: every label outlay shows exists in Chinese and English.

use serde::{Deserialize, Serialize};

mod columns;
mod keymap;
mod monitoring;
mod output;
mod server;
mod settings;
mod store;

use crate::domain::report::Pace;
use crate::domain::{Unit, Vocabulary};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language the environment asks for: LC_ALL, then LC_MESSAGES, then
    /// LANG; Chinese for `zh*`, English otherwise.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
            .map_or(Lang::En, |value| {
                if value.to_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            })
    }

    /// Picks the label in this language. Call sites give both, so neither
    /// language can be left incomplete.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The noun after a count: Chinese has one measure word, English says
    /// "1 entry" but "2 entries".
    pub fn noun(
        self,
        n: usize,
        zh: &'static str,
        one: &'static str,
        many: &'static str,
    ) -> &'static str {
        match (self, n) {
            (Lang::Zh, _) => zh,
            (Lang::En, 1) => one,
            (Lang::En, _) => many,
        }
    }

    /// A domain word's label in this language.
    pub fn word<W: Vocabulary>(self, word: W) -> &'static str {
        match self {
            Lang::Zh => word.zh(),
            Lang::En => word.en(),
        }
    }

    /// The unit amounts are shown in.
    pub fn unit(self, unit: Unit) -> &'static str {
        match unit {
            Unit::Yuan => self.pick("元", "yuan"),
            Unit::Wan => self.pick("万元", "10k yuan"),
        }
    }

    /// How far an indicator was achieved, short enough for a column.
    pub fn achievement(self, a: crate::domain::score::Achievement) -> &'static str {
        use crate::domain::score::Achievement as A;
        match a {
            A::Achieved => self.pick("达成", "achieved"),
            A::Partly => self.pick("部分达成", "partly"),
            A::NotAchieved => self.pick("未达成", "not achieved"),
            A::Open => self.pick("待评", "to judge"),
        }
    }

    /// How execution compares with time progress, in a word: colour never
    /// carries the meaning alone.
    pub fn pace(self, pace: Pace) -> &'static str {
        match pace {
            Pace::Overspent => self.pick("超支", "overspent"),
            Pace::Ahead => self.pick("超前", "ahead"),
            Pace::OnPace => self.pick("正常", "on pace"),
            Pace::Lagging => self.pick("滞后", "lagging"),
            Pace::Unmeasured => self.pick("无预算", "no budget"),
            // short enough for the TUI's pace column, under its heading 进度
            Pace::Unpaced => self.pick("不考核", "not paced"),
        }
    }
}

impl Lang {
    /// A disbursement's memo as a reader of this language sees it: a
    /// reversal's, which outlay wrote in Chinese, says "reversal of #12" in
    /// English; a memo the user wrote stays as written.
    pub fn memo(self, d: &crate::domain::Disbursement) -> String {
        match (self, d.reverses, d.reversal_reason()) {
            (Lang::En, Some(id), Some(reason)) => format!("reversal of #{id}: {reason}"),
            _ => d.memo.clone(),
        }
    }

    /// What needs attention on a line of the month-end review, worst first:
    /// `超支 滞后 久未支付`.
    pub fn review_status(self, line: &crate::domain::review::ReviewLine) -> String {
        [
            (line.overspent, self.pick("超支", "overspent")),
            (line.lagging, self.pick("滞后", "lagging")),
            (line.idle, self.pick("久未支付", "idle")),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, word)| *word)
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// The Chinese name of a field as refusals name it.
fn field_zh(field: &str) -> Option<&'static str> {
    Some(match field {
        "amount" => "金额",
        "date" => "日期",
        "payee" => "收款人",
        "voucher" => "凭证号",
        "line" => "指标",
        "code" => "编码",
        "name" => "名称",
        "kind" => "支出类型",
        "source" => "资金来源",
        "level" => "资金级次",
        "econ_class" => "经济分类",
        "project" => "项目",
        "doc_no" => "文号",
        "allocated_on" => "下达日期",
        "reason" => "原因",
        "memo" => "摘要",
        "contract" => "合同号",
        "due" => "到期日",
        "from_line" => "调出指标",
        "weight" => "权重",
        "target" => "目标",
        "actual" => "实际值",
        "category" => "指标类别",
        "id" => "编号",
        "role" => "角色",
        "user" => "用户",
        "tolerance" => "容差",
        "execution_cap" => "执行率得分上限",
        "department" => "部门",
        "year" => "年度",
        "month" => "月份",
        "filter" => "筛选",
        "as_of" => "截至日期",
        "marked_met" => "是否达成",
        "score" => "得分",
        "weights" => "各项权重",
        "text" => "内容",
        "section" => "部分",
        "paced" => "考核进度",
        "carry" => "结转",
        "file" => "文件",
        "indicator" => "绩效指标",
        "value" => "完成情况",
        "projected" => "全年预计",
        "cause" => "偏差原因类型",
        "likelihood" => "完成可能性",
        "rectify" => "整改措施",
        "light_bands" => "预警灯",
        "large_line" => "大额项目",
        "checkpoints" => "进度节点",
        "reduction_share" => "调减比例",
        "origin_year" => "资金年度",
        _ => return None,
    })
}

impl Lang {
    /// A field's name as this language writes it in messages.
    pub fn field(self, field: &str) -> String {
        match (self, field_zh(field)) {
            (Lang::Zh, Some(zh)) => zh.to_string(),
            _ => field.to_string(),
        }
    }

    /// A refusal as a sentence in this language. A field refusal has both
    /// (`Refusal::field_in`); one built by hand without its Chinese keeps its
    /// English wording after the field's Chinese name.
    pub fn refusal(self, refusal: &crate::domain::Refusal) -> String {
        use crate::domain::Refusal as R;
        if self == Lang::En {
            return refusal.to_string();
        }
        let f = |name: &str| self.field(name);
        match refusal {
            R::Field {
                field,
                zh: Some(zh),
                ..
            } => format!("{}：{zh}", f(field)),
            R::Field {
                field,
                message,
                zh: None,
            } => format!("{}：{message}", f(field)),
            R::UnknownLine(code) => format!("{}：没有编码为“{code}”的预算指标", f("line")),
            R::DuplicateLine(code) => format!("{}：预算指标“{code}”已存在", f("code")),
            R::DuplicateVoucher {
                line,
                voucher,
                id,
                reversed_by,
            } => {
                let reversed = reversed_by
                    .map(|by| format!("，已由 #{by} 冲销，凭证号仍归原支付"))
                    .unwrap_or_default();
                format!(
                    "{}：凭证号“{voucher}”已记录在指标 {line}（支付 #{id}{reversed}），请为本笔另编凭证号",
                    f("voucher")
                )
            }
            R::UnknownDisbursement(id) => format!("{}：没有支付 #{id}", f("id")),
            R::AlreadyReversed { id, by } => format!("{}：支付 #{id} 已由 #{by} 冲销", f("id")),
            R::ReversingAReversal(id) => format!(
                "{}：#{id} 本身是冲销，不能再冲销（请重新记录支付）",
                f("id")
            ),
            R::UnknownRecord { what, id } => format!("{}：没有{} #{id}", f("id"), f(what)),
            R::NoRole { user } => {
                format!(
                    "{}：Unix 用户“{user}”在本账本中没有角色；管理员可用 `outlay user grant {user} clerk` 授权",
                    f("role")
                )
            }
            R::NeedsRole { user, has, needs } => {
                // the roles by their Chinese names (viewer → 查看者)
                let role = |name: &str| {
                    crate::domain::vocabulary::parse_word::<crate::domain::role::Role>(name)
                        .map_or(name.to_string(), |r| self.word(r).to_string())
                };
                let (has, needs) = (role(has), role(needs));
                format!(
                    "{}：此操作需要“{needs}”角色，“{user}”的角色是“{has}”",
                    f("role")
                )
            }
            R::Remote { zh: Some(zh), .. } => zh.clone(),
            R::Remote { message, .. } => message.clone(),
        }
    }

    /// An error as a sentence in this language: refusals translated, the
    /// rest (files, the disk, the server) as they are.
    pub fn error(self, error: &crate::Error) -> String {
        match error {
            crate::Error::Refused(r) => self.refusal(r),
            crate::Error::ImportRow { row, refusal } => match self {
                Lang::Zh => format!("第 {row} 行：{}", self.refusal(refusal)),
                Lang::En => error.to_string(),
            },
            crate::Error::Read { path, source } if self == Lang::Zh => {
                format!("无法读取 {path}：{source}")
            }
            crate::Error::Store(e) if self == Lang::Zh => store::store_error_zh(e),
            crate::Error::Write { path, source } if self == Lang::Zh => {
                format!("无法写入 {path}：{source}")
            }
            crate::Error::Import {
                file,
                error: import,
            } => match self {
                Lang::Zh => format!("{file}：{}", import.sentence_zh()),
                Lang::En => error.to_string(),
            },
            crate::Error::Connection(c) => self.connection_error(c),
            crate::Error::Server(s) => self.server_error(s),
            crate::Error::Output(o) => self.output_error(o),
            crate::Error::Settings(s) => self.settings_error(s),
            other => other.to_string(),
        }
    }

    /// Trouble with the connection to `outlay serve`, in this language.
    pub fn connection_error(self, e: &crate::remote::ConnectionError) -> String {
        use crate::remote::{ConnectionError as C, Expected};
        let zh = self == Lang::Zh;
        match e {
            C::Unreachable { socket, cause } if zh => format!(
                "无法连接 {} 上的 outlay 服务器：{}（`outlay serve` 是否在运行？您是否在它的用户组中？）",
                socket.display(),
                self.cause(cause)
            ),
            C::Unreachable { socket, cause } => format!(
                "cannot reach an outlay server at {}: {} (is `outlay serve` running, and are you in its group?)",
                socket.display(),
                self.cause(cause)
            ),
            C::WrongServer {
                socket,
                answered,
                expected,
                why,
            } => {
                let why = match (why, zh) {
                    (Expected::DirectoryOwner(dir), true) => format!("{} 的所有者", dir.display()),
                    (Expected::DirectoryOwner(dir), false) => {
                        format!("the owner of {}", dir.display())
                    }
                    (Expected::Configured, true) => "设置 server_user 所指定".to_string(),
                    (Expected::Configured, false) => "as the server_user setting says".to_string(),
                };
                if zh {
                    format!(
                        "拒绝与 {} 上应答的进程通信：它以 Unix 用户“{answered}”运行，而服务器应以“{expected}”运行（{why}）；套接字可能已被他人替换，未向它发送任何内容",
                        socket.display()
                    )
                } else {
                    format!(
                        "refusing to talk to the process answering on {}: it runs as Unix user '{answered}', but the server must run as '{expected}' ({why}); someone may have replaced the socket, and nothing was sent to it",
                        socket.display()
                    )
                }
            }
            C::UnsafePath {
                socket,
                directory,
                owner,
            } if zh => format!(
                "拒绝连接 {}：其上层目录 {} 可被“{owner}”或他人更改，套接字所在目录可能已被替换，未发送任何内容；请把套接字放在只有 root 和服务器用户能更改的路径（如 /run/outlay），或在设置中写明 server_user",
                socket.display(),
                directory.display()
            ),
            C::UnsafePath {
                socket,
                directory,
                owner,
            } => format!(
                "refusing to connect to {}: the directory {} above it can be changed by '{owner}' or others, so the socket's directory may have been swapped; nothing was sent. Keep the socket on a path only root and the server's user can change (e.g. /run/outlay), or name the server's user with server_user",
                socket.display(),
                directory.display()
            ),
            C::UnknownServerUser { name } if zh => {
                format!("server_user：没有名为“{name}”的 Unix 用户")
            }
            C::UnknownServerUser { name } => {
                format!("server_user: there is no Unix user called '{name}'")
            }
            C::Lost { socket, cause } if zh => format!(
                "与 {} 上的 outlay 服务器的连接中断：{}",
                socket.display(),
                self.cause(cause)
            ),
            C::Lost { socket, cause } => format!(
                "the connection to the outlay server at {} failed: {}",
                socket.display(),
                self.cause(cause)
            ),
            C::NotSaved { socket, cause } if zh => format!(
                "未保存：与服务器断开，重新连接后请再保存一次 （{}：{}）",
                socket.display(),
                self.cause(cause)
            ),
            C::NotSaved { socket, cause } => format!(
                "not saved: disconnected from the server; save again once reconnected ({}: {})",
                socket.display(),
                self.cause(cause)
            ),
            C::Unexpected { socket, what } if zh => {
                format!(
                    "{} 上的 outlay 服务器发来意外的消息：{what}",
                    socket.display()
                )
            }
            C::Unexpected { socket, what } => format!(
                "unexpected message from the outlay server at {}: {what}",
                socket.display()
            ),
        }
    }

    /// Why a connection failed, in this language; the system's own words
    /// for a failure without a Chinese name.
    fn cause(self, cause: &crate::remote::Cause) -> String {
        use crate::remote::Cause;
        use std::io::ErrorKind as K;
        let (kind, text) = match cause {
            Cause::Closed => {
                return self
                    .pick("服务器关闭了连接", "the server closed the connection")
                    .into();
            }
            Cause::Io { kind, text } => (*kind, text),
        };
        if self == Lang::En {
            return text.clone();
        }
        match kind {
            K::NotFound => "套接字不存在".into(),
            K::ConnectionRefused => "没有服务器在监听".into(),
            K::PermissionDenied => "无权访问套接字".into(),
            K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::NotConnected => {
                "连接已断开".into()
            }
            K::TimedOut | K::WouldBlock => "服务器未及时应答".into(),
            K::InvalidData => format!("无法读懂服务器的消息（{text}）"),
            _ => text.clone(),
        }
    }

    /// A warning about an accepted entry, in this language.
    pub fn warning(self, warning: &crate::ledger::Warning) -> String {
        use crate::ledger::Warning as W;
        match (self, warning) {
            (Lang::En, _) => warning.to_string(),
            (
                Lang::Zh,
                W::Overspent {
                    line,
                    spent,
                    budget,
                },
            ) => format!("指标 {line} 已超支：已支付 {spent}，预算 {budget}"),
            (
                Lang::Zh,
                W::BeforeAllocation {
                    line,
                    allocated_on,
                    date,
                },
            ) => {
                format!("指标 {line} 于 {allocated_on} 下达，晚于本笔支付的日期 {date}")
            }
        }
    }

    /// Why text is not an amount, in this language.
    pub fn money_error(self, e: &crate::domain::money::MoneyError) -> String {
        use crate::domain::money::MoneyError as M;
        match (self, e) {
            (Lang::En, _) => e.to_string(),
            (Lang::Zh, M::Empty) => "未填金额".into(),
            (Lang::Zh, M::Malformed(t)) => {
                format!("“{t}”不是金额（可写 1295000、1,295,000.00 或 129.5万）")
            }
            (Lang::Zh, M::TooPrecise(t)) => format!("“{t}”精确到分以下（最小 0.01 元）"),
            (Lang::Zh, M::TooLarge(t)) => format!("“{t}”过大，不是金额"),
        }
    }

    /// Why text is not a date, in this language.
    pub fn date_error(self, e: &crate::domain::calendar::DateError) -> String {
        use crate::domain::calendar::DateError as D;
        match (self, e) {
            (Lang::En, _) => e.to_string(),
            (Lang::Zh, D::Empty) => "未填日期".into(),
            (Lang::Zh, D::Malformed(t)) => format!("“{t}”不是日期（可写 2021-06-30）"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Refusal;

    #[test]
    fn refusals_read_in_chinese_with_the_field_named() {
        let r = Refusal::field_in("amount", "must be more than zero", "须大于零");
        assert_eq!(Lang::Zh.refusal(&r), "金额：须大于零");
        assert_eq!(Lang::En.refusal(&r), "amount: must be more than zero");
        assert_eq!(
            Lang::Zh.refusal(&Refusal::UnknownLine("X9".into())),
            "指标：没有编码为“X9”的预算指标"
        );
        assert_eq!(
            Lang::Zh.refusal(&Refusal::UnknownRecord {
                what: "indicator",
                id: 5
            }),
            "编号：没有绩效指标 #5"
        );
    }
}
