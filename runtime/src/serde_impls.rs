//! `Serialize`/`Deserialize` for [`StatusLine`] (feature `serde`): a status line is its text,
//! `"SIP/2.0 403 Wrong Guess"`, kept byte for byte.
//!
//! ```
//! use serde::Deserialize;
//! use serde::de::{IntoDeserializer, value::Error};
//! use sip_codes::{StatusCode, StatusLine};
//!
//! let text: serde::de::value::StrDeserializer<'_, Error> = "SIP/2.0 403 Wrong Guess".into_deserializer();
//! let line = StatusLine::deserialize(text)?;
//! assert_eq!((line.status(), line.reason()), (Some(StatusCode::Forbidden), "Wrong Guess"));
//!
//! let bad: serde::de::value::StrDeserializer<'_, Error> = "SIP/3.0 200 OK".into_deserializer();
//! let err = StatusLine::deserialize(bad).unwrap_err();
//! assert!(err.to_string().contains("unsupported SIP version"));
//! # Ok::<(), Error>(())
//! ```

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::code::StatusCodeSet;
use crate::status_line::{StatusLine, StatusLineRef};

/// Serializes the line as its text, as received.
impl<C> Serialize for StatusLine<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Serializes the line as its text, as received.
impl<C> Serialize for StatusLineRef<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Parses the text with [`StatusLine::parse`]; a string that is not a status line is rejected with the
/// parser's reason and the input (`invalid status line: unsupported SIP version … in "SIP/3.0 200 OK"`).
impl<'de, C: StatusCodeSet> Deserialize<'de> for StatusLine<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_string(LineVisitor(PhantomData))
    }
}

struct LineVisitor<C>(PhantomData<fn() -> C>);

impl<C: StatusCodeSet> Visitor<'_> for LineVisitor<C> {
    type Value = StatusLine<C>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SIP status line such as \"SIP/2.0 403 Forbidden\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.parse()
            .map_err(|e| E::custom(format_args!("{e} in {v:?}")))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        match core::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }
}
