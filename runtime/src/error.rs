//! The error of every fallible constructor and parser of the runtime.

use core::fmt;

/// Why a value was rejected. Opaque so that it can grow; its Display says what and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    what: &'static str,
    kind: ErrorKind,
}

/// The kind of an [`Error`], for callers that branch on it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The value is empty where something is required.
    Empty,
    /// The value holds a byte that its grammar does not allow (CR, LF and NUL among them).
    InvalidChar {
        /// The offending byte.
        byte: u8,
        /// Its offset in the value.
        at: usize,
    },
    /// A number is outside its allowed range.
    OutOfRange,
    /// The value does not follow its grammar, for the reason given.
    Syntax(&'static str),
    /// The header is one this response must not carry, or one the library writes itself.
    HeaderNotAllowed,
}

impl Error {
    /// An error of kind `kind` about `what` (`"header value"`, `"reason phrase"`, …).
    pub const fn new(what: &'static str, kind: ErrorKind) -> Self {
        Error { what, kind }
    }

    /// `what` is empty.
    pub const fn empty(what: &'static str) -> Self {
        Error::new(what, ErrorKind::Empty)
    }

    /// `what` holds `byte` at offset `at`, which its grammar does not allow.
    pub const fn invalid_char(what: &'static str, byte: u8, at: usize) -> Self {
        Error::new(what, ErrorKind::InvalidChar { byte, at })
    }

    /// `what` does not follow its grammar, for `reason`.
    pub const fn syntax(what: &'static str, reason: &'static str) -> Self {
        Error::new(what, ErrorKind::Syntax(reason))
    }

    /// What was rejected (`"header value"`).
    pub const fn what(&self) -> &'static str {
        self.what
    }

    /// Why it was rejected.
    pub const fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Empty => write!(f, "invalid {}: empty", self.what),
            ErrorKind::InvalidChar { byte, at } => {
                let name = match byte {
                    b'\r' => " (CR)",
                    b'\n' => " (LF)",
                    0 => " (NUL)",
                    _ => "",
                };
                write!(
                    f,
                    "invalid {}: byte 0x{byte:02x}{name} at offset {at} is not allowed",
                    self.what
                )
            }
            ErrorKind::OutOfRange => write!(f, "invalid {}: out of range", self.what),
            ErrorKind::Syntax(reason) => write!(f, "invalid {}: {reason}", self.what),
            ErrorKind::HeaderNotAllowed => write!(f, "{} is not allowed here", self.what),
        }
    }
}

impl std::error::Error for Error {}
