//! Budget lines (预算指标) and the words that classify them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::vocabulary::vocabulary;

vocabulary! {
    /// 支出类型: running costs or a named project.
    Kind, "kind" {
        Basic => "basic", "基本支出", "basic expenditure", ["基本"];
        Project => "project", "项目支出", "project spending", ["项目"];
    }
}

vocabulary! {
    /// 资金来源: when in the budget cycle the money was authorised.
    Source, "source" {
        Initial => "initial", "年初预算", "initial budget", ["年初"];
        Supplementary => "supplementary", "追加预算", "supplementary", ["追加", "supplement"];
        Carryover => "carryover", "上年结转", "carry-over", ["carry-over", "结转", "年初结转结余", "结转结余"];
    }
}

vocabulary! {
    /// 资金级次: which government funds the line.
    Level, "level" {
        District => "district", "区级", "district", ["本级", "区"];
        Municipal => "municipal", "市级", "municipal", ["市"];
        Provincial => "provincial", "省级", "provincial", ["省"];
        Central => "central", "中央", "central", ["中央级"];
    }
}

vocabulary! {
    /// 经济分类 of basic expenditure.
    EconClass, "econ_class" {
        Wages => "wages", "工资福利支出", "wages & benefits", ["工资福利", "工资"];
        Goods => "goods", "商品和服务支出", "goods & services", ["商品和服务", "商品服务"];
        Subsidies => "subsidies", "对个人和家庭补助", "subsidies to individuals", ["对个人和家庭补助支出", "个人家庭补助"];
        Capital => "capital", "资本性支出", "capital", ["资本性"];
    }
}

/// The identifying fields real budget systems (预算管理一体化) carry on a line.
/// All optional: stored, imported and exported, shown where there is room.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineRefs {
    /// 上级指标文号
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superior_doc_no: Option<String>,
    /// 支出功能分类科目, e.g. 2240106
    #[serde(skip_serializing_if = "Option::is_none")]
    pub functional_code: Option<String>,
    /// 政府/部门支出经济分类, e.g. 30201
    #[serde(skip_serializing_if = "Option::is_none")]
    pub economic_code: Option<String>,
    /// 资金性质
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fund_type: Option<String>,
    /// 项目编码, e.g. 51000021R000000019951
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    /// 资金年度: the year a carry-over line's money was first budgeted (when
    /// absent, read from its document number, else the year before)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_year: Option<i32>,
}

/// The projects project lines fund, in the order of their first line.
pub fn projects(lines: &[BudgetLine]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for line in lines {
        if let (Kind::Project, Some(p)) = (line.kind, line.project.as_deref())
            && !names.contains(&p)
        {
            names.push(p);
        }
    }
    names
}

/// One authorisation of money (预算指标).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    /// User-chosen, unique in the ledger.
    pub code: String,
    pub name: String,
    pub kind: Kind,
    pub source: Source,
    pub level: Level,
    /// Required for basic lines, absent for project lines.
    pub econ_class: Option<EconClass>,
    /// The project a project line funds; several lines may fund one project.
    pub project: Option<String>,
    /// 本级指标文号
    pub doc_no: String,
    pub allocated_on: NaiveDate,
    pub allocated: Money,
    #[serde(default)]
    pub refs: LineRefs,
}
