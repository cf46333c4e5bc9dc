//! Today's date. `OUTLAY_TODAY=2021-09-30` pins it, so a demo or a test of a
//! past year can behave as on a day inside that year.

use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    std::env::var("OUTLAY_TODAY")
        .ok()
        .and_then(|s| crate::domain::parse_date(&s).ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
