//! [`TestCode`]: a tiny [`StatusCodeSet`] for the unit tests of the runtime's generic code.

use super::{BareCodes, StatusCodeSet, bare_codes};
use crate::rules::CodeRules;

/// A tiny set for generic tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TestCode {
    Trying,
    SessionProgress,
    Ok,
    BadRequest,
    MethodNotAllowed,
    BusyEverywhere,
}

/// The rules of a test code: its code and phrase, no rule.
fn test_rules(code: TestCode) -> &'static CodeRules {
    const fn rules(code: u16, phrase: &'static str) -> CodeRules {
        CodeRules {
            code,
            phrase,
            headers: crate::rules::HeaderRules {
                must: &[],
                should: &[],
                may: &[],
                must_not: &[],
            },
            answers: &[],
        }
    }
    static ALL: [CodeRules; 6] = [
        rules(100, "Trying"),
        rules(183, "Session Progress"),
        rules(200, "OK"),
        rules(400, "Bad Request"),
        rules(405, "Method Not Allowed"),
        rules(600, "Busy Everywhere"),
    ];
    ALL.iter()
        .find(|r| r.code == code.code())
        .unwrap_or(&ALL[0])
}

impl StatusCodeSet for TestCode {
    fn rules(self) -> &'static CodeRules {
        test_rules(self)
    }

    fn from_u16(code: u16) -> Option<Self> {
        Some(match code {
            100 => TestCode::Trying,
            183 => TestCode::SessionProgress,
            200 => TestCode::Ok,
            400 => TestCode::BadRequest,
            405 => TestCode::MethodNotAllowed,
            600 => TestCode::BusyEverywhere,
            _ => return None,
        })
    }
    fn code(self) -> u16 {
        match self {
            TestCode::Trying => 100,
            TestCode::SessionProgress => 183,
            TestCode::Ok => 200,
            TestCode::BadRequest => 400,
            TestCode::MethodNotAllowed => 405,
            TestCode::BusyEverywhere => 600,
        }
    }
    fn reason_phrase(self) -> &'static str {
        match self {
            TestCode::Trying => "Trying",
            TestCode::SessionProgress => "Session Progress",
            TestCode::Ok => "OK",
            TestCode::BadRequest => "Bad Request",
            TestCode::MethodNotAllowed => "Method Not Allowed",
            TestCode::BusyEverywhere => "Busy Everywhere",
        }
    }
}

/// `TestCode`'s members at `code - 100`, as the generated `BY_CODE` table is made.
pub(crate) const BY_CODE: [Option<TestCode>; 600] = {
    let mut table = [None; 600];
    table[0] = Some(TestCode::Trying);
    table[83] = Some(TestCode::SessionProgress);
    table[100] = Some(TestCode::Ok);
    table[300] = Some(TestCode::BadRequest);
    table[305] = Some(TestCode::MethodNotAllowed);
    table[500] = Some(TestCode::BusyEverywhere);
    table
};

/// Made at compile time, as the generated `FromStr` does.
pub(crate) static BARE: BareCodes<TestCode> = bare_codes(&BY_CODE);
