//! The spec file as written: plain serde structs, one per YAML mapping, with every key the format allows
//! and no other (`deny_unknown_fields`). Checking what the values mean is `validate`'s job.

use serde::Deserialize;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub schema: u32,
    /// `sip-codes`: start from the bundled spec.
    #[serde(default)]
    pub extends: Option<String>,
    #[serde(default)]
    pub codes: Vec<RawCode>,
    #[serde(default)]
    pub overrides: Vec<RawOverride>,
    #[serde(default)]
    pub common: Option<RawRules>,
    #[serde(default)]
    pub q850: Option<RawQ850>,
}

/// The `q850` block: ISUP/Q.850 cause values and SIP responses, both ways.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQ850 {
    pub to_sip: RawTable<RawCauseToCode>,
    pub from_sip: RawTable<RawCodeToCause>,
    pub names: Vec<RawCauseName>,
}

/// One direction of the mapping (`to_sip`: cause → response, rows `RawCauseToCode`; `from_sip`: response
/// → cause, rows `RawCodeToCause`): its citation, the default for unlisted keys, the keys that map to
/// nothing, and the listed rows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable<Row> {
    pub rfc: u32,
    pub section: String,
    pub default: u32,
    #[serde(default)]
    pub no_response: Vec<u32>,
    pub map: Vec<Row>,
}

/// One row of `to_sip.map`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCauseToCode {
    pub cause: u32,
    pub code: u32,
}

/// One row of `from_sip.map`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCodeToCause {
    pub code: u32,
    pub cause: u32,
}

/// One entry of `names`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCauseName {
    pub cause: u32,
    pub name: String,
}

/// One entry of `overrides`: changes to a code of the spec this one extends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverride {
    pub code: u32,
    #[serde(default)]
    pub phrase: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub aliases: Vec<RawAlias>,
    #[serde(default)]
    pub headers: Option<RawRules>,
}

/// One entry of `codes`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    pub code: u32,
    pub phrase: String,
    pub class: RawClass,
    #[serde(default)]
    pub rfc: Option<u32>,
    #[serde(default)]
    pub section: Option<String>,
    /// Instead of `rfc` and `section`: who defines a code no RFC defines (a vendor, a local policy).
    #[serde(default)]
    pub source: Option<String>,
    pub status: RawStatus,
    pub description: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub aliases: Vec<RawAlias>,
    #[serde(default)]
    pub headers: Option<RawRules>,
}

/// The `class` of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawClass {
    Provisional,
    Success,
    Redirection,
    RequestFailure,
    ServerFailure,
    GlobalFailure,
}

/// The registry `status` of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawStatus {
    Current,
    Deprecated,
    Reserved,
    Historic,
}

/// One entry of `aliases`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlias {
    pub phrase: String,
    pub source: String,
}

/// A `headers` (or `common`) block.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    #[serde(default)]
    pub must: Vec<RawRule>,
    #[serde(default)]
    pub should: Vec<RawRule>,
    #[serde(default)]
    pub may: Vec<RawRule>,
    #[serde(default)]
    pub must_not: Vec<RawRule>,
}

/// One header rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    #[serde(default)]
    pub header: Option<String>,
    #[serde(default)]
    pub one_of: Option<Vec<String>>,
    #[serde(default)]
    pub rfc: Option<u32>,
    #[serde(default)]
    pub section: Option<String>,
    /// Instead of `rfc` and `section`: where a local rule comes from.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub except: Option<Vec<u32>>,
}
