//! Column headings of `outlay list` tables. CSV and JSON keep the English
//! names (they are what `outlay import` and scripts read); a table for a
//! reader heads its columns in the reader's language.

use super::Lang;

/// The Chinese heading of a column that is not also a field of refusals.
fn column_zh(name: &str) -> Option<&'static str> {
    Some(match name {
        "superior_doc_no" => "上级文号",
        "functional_code" => "功能分类科目",
        "economic_code" => "经济分类科目",
        "fund_type" => "资金性质",
        "project_code" => "项目编码",
        "reverses" => "冲销",
        "entered_by" => "录入人",
        "recorded_by" => "录入人",
        "request_no" => "申请单号",
        "payee_account" => "收款账号",
        "purpose" => "用途",
        "batch_no" => "批次号",
        "paid" => "已付",
        "outstanding" => "未付",
        "days_overdue" => "逾期天数",
        "achievement" => "达成情况",
        "points" => "分值",
        "deviation_reason" => "偏差原因",
        "rectification_needed" => "需整改",
        "at" => "时间",
        "who" => "操作人",
        "action" => "操作",
        "subject" => "对象",
        "detail" => "内容",
        _ => return None,
    })
}

impl Lang {
    /// A column's heading in this language; its English name when no
    /// Chinese one is written.
    pub fn column(self, name: &str) -> String {
        match (self, column_zh(name)) {
            (Lang::Zh, Some(zh)) => zh.to_string(),
            _ => self.field(name),
        }
    }
}
