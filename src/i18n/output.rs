//! Failures to write what the user asked for, in both languages.

use super::Lang;
use crate::error::{Encoded, OutputError as O};

impl Lang {
    /// An output error as a sentence in this language.
    pub fn output_error(self, e: &O) -> String {
        let zh = self == Lang::Zh;
        match e {
            O::Stdout { cause } if zh => format!("无法写出结果：{cause}"),
            O::Stdout { cause } => format!("cannot write output: {cause}"),
            O::Encode { what, cause } => {
                let what = match what {
                    Encoded::Json => self.pick("JSON 输出", "the JSON output"),
                    Encoded::ScoringRules => self.pick("评分规则", "the scoring rules"),
                    Encoded::MonitoringRules => self.pick("监控规则", "the monitoring rules"),
                    Encoded::Answer => self.pick("应答", "an answer"),
                };
                if zh {
                    format!("无法编码{what}：{cause}")
                } else {
                    format!("cannot encode {what}: {cause}")
                }
            }
            O::Workbook { cause } if zh => format!("无法写出工作簿：{cause}"),
            O::Workbook { cause } => format!("cannot write the workbook: {cause}"),
            O::TempDir { cause } if zh => format!("无法创建临时目录：{cause}"),
            O::TempDir { cause } => format!("cannot make a temporary directory: {cause}"),
            O::StartTerminal { cause } if zh => format!("无法启动终端界面：{cause}"),
            O::StartTerminal { cause } => format!("cannot start the terminal UI: {cause}"),
            O::Terminal { cause } if zh => format!("终端出错：{cause}"),
            O::Terminal { cause } => format!("the terminal failed: {cause}"),
            O::Signal { signal, cause } if zh => format!("无法监听信号 {signal}：{cause}"),
            O::Signal { signal, cause } => format!("cannot watch for signal {signal}: {cause}"),
        }
    }
}
