//! `Serialize`/`Deserialize` (feature `serde`): [`StatusCode`] as its number, [`StatusLine`] as its text.
//!
//! ```
//! use sip_codes::{StatusCode, StatusLine};
//!
//! #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
//! struct Rejection {
//!     code: StatusCode,
//!     line: StatusLine,
//! }
//!
//! let rejection = Rejection {
//!     code: StatusCode::MethodNotAllowed,
//!     line: "SIP/2.0 403 Wrong Guess".parse()?,
//! };
//! let json = serde_json::to_string(&rejection)?;
//! assert_eq!(json, r#"{"code":405,"line":"SIP/2.0 403 Wrong Guess"}"#);
//! assert_eq!(serde_json::from_str::<Rejection>(&json)?, rejection);
//!
//! let err = serde_json::from_str::<StatusCode>("999").unwrap_err();
//! assert_eq!(err.to_string(), "999 is not a SIP status code known to this crate at line 1 column 3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A `StatusCode` is deserialized from a number (`405`) and, in human-readable formats (JSON, YAML,
//! TOML…), also from a string as [`StatusCode`]'s `FromStr` reads it (`"405"`, `"405 Method Not
//! Allowed"`, the phrase being free text). A `StatusLine` is deserialized from a string with
//! [`StatusLine`]'s parser, so the vendor phrase is kept byte for byte.
//!
//! For the enum of a spec of your own (made by [`sip_codes!`](crate::sip_codes)), use the [`code`] module
//! with `#[serde(with = "sip_codes::integrations::serde::code")]`, or pass `derive(...)` to the macro; the
//! `StatusLine` of any spec is (de)serialized as text already.
//!
//! [`StatusCode`]: crate::StatusCode
//! [`StatusLine`]: crate::StatusLine

use core::fmt;
use core::marker::PhantomData;

use ::serde::de::{self, Deserializer, Unexpected, Visitor};
use ::serde::ser::Serializer;
use ::serde::{Deserialize, Serialize};

use crate::code::StatusCodeSet;

/// Serializes the code as its number (`405`).
impl Serialize for crate::StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        code::serialize(self, serializer)
    }
}

/// Deserializes a number (`405`) or, in human-readable formats, a string (`"405"`, `"405 Method Not
/// Allowed"`); a code outside the spec is rejected with an error that names it.
impl<'de> Deserialize<'de> for crate::StatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        code::deserialize(deserializer)
    }
}

/// `#[serde(with = "sip_codes::integrations::serde::code")]` for a field whose type is any set of status
/// codes ([`StatusCodeSet`]), such as the enum that [`sip_codes!`](crate::sip_codes) makes from a spec of
/// your own: (de)serialized as [`StatusCode`](crate::StatusCode) is.
///
/// ```
/// use sip_codes::StatusCode;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Rule {
///     #[serde(with = "sip_codes::integrations::serde::code")]
///     answer: StatusCode,
/// }
///
/// let rule: Rule = serde_json::from_str(r#"{"answer": "486 Busy Here"}"#)?;
/// assert_eq!(rule.answer, StatusCode::BusyHere);
/// assert_eq!(serde_json::to_string(&rule)?, r#"{"answer":486}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod code {
    use super::*;

    /// Serializes `code` as its number.
    pub fn serialize<C: StatusCodeSet, S: Serializer>(
        code: &C,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(code.code())
    }

    /// Deserializes a code of `C` from a number or, in human-readable formats, from a string such as
    /// `"405"` or `"405 Method Not Allowed"`.
    pub fn deserialize<'de, C: StatusCodeSet, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<C, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(CodeVisitor(PhantomData))
        } else {
            deserializer.deserialize_u16(CodeVisitor(PhantomData))
        }
    }
}

struct CodeVisitor<C>(PhantomData<fn() -> C>);

impl<C: StatusCodeSet> CodeVisitor<C> {
    fn known<E: de::Error>(code: u64) -> Result<C, E> {
        u16::try_from(code)
            .ok()
            .and_then(C::from_u16)
            .ok_or_else(|| {
                E::custom(format_args!(
                    "{code} is not a SIP status code known to this crate"
                ))
            })
    }
}

impl<C: StatusCodeSet> Visitor<'_> for CodeVisitor<C> {
    type Value = C;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SIP status code such as 405 or \"405 Method Not Allowed\"")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<C, E> {
        Self::known(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<C, E> {
        match u64::try_from(v) {
            Ok(v) => Self::known(v),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<C, E> {
        match crate::code::parse_code(v) {
            Ok(code) => Self::known(code.into()),
            Err(e) => Err(E::custom(format_args!("{e} in {v:?}"))),
        }
    }
}
