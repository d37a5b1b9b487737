//! [`ParseError`]: why a message was rejected, and where.

use core::fmt;

/// Why a SIP message could not be parsed or framed, with the byte offset (in the input) where the problem
/// was found, for diagnostics.
///
/// Opaque so that it can grow; [`ParseError::kind`] is for callers that branch, [`ParseError::offset`]
/// points into the input, and Display says both in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseErrorKind,
    at: usize,
    detail: &'static str,
}

/// The kind of a [`ParseError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty.
    Empty,
    /// The start line is neither a Request-Line nor a Status-Line (RFC 3261 §7.1, §7.2, §25.1): the
    /// error's [`reason`](ParseError::reason) says what is wrong.
    BadStartLine,
    /// A header line has no colon (RFC 3261 §7.3: `field-name: field-value`).
    NoColon,
    /// A header name is empty or not a `token` (RFC 3261 §25.1); the offset is that of the first byte
    /// that is not a token character.
    InvalidName,
    /// A control character (CR not followed by LF, NUL, any other byte below 0x20 but horizontal tab,
    /// or DEL) where the grammar allows none: inside a header value or the start line.
    ControlChar {
        /// The offending byte.
        byte: u8,
    },
    /// A line starting with a space or tab (a continuation, RFC 3261 §7.3.1) comes right after the start
    /// line, so there is no header it could continue.
    FoldBeforeHeader,
    /// The data ends before the empty line that ends the head (RFC 3261 §7): on a datagram, or a stream
    /// that the caller says is complete ([`super::Message::parse_stream`]).
    NoEmptyLine,
    /// The head (start line and headers) is not UTF-8; the offset is that of the first invalid byte.
    InvalidUtf8,
    /// A Content-Length value is not `1*DIGIT` (RFC 3261 §20.14: digits only, so no sign, no `-1`, not
    /// empty), or does not fit in a `usize`.
    InvalidContentLength,
    /// The message has more than one Content-Length header (its long or its compact form `l`).
    DuplicateContentLength,
    /// A message on a stream has no Content-Length, which RFC 3261 §18.3 requires there ("MUST be used
    /// with stream oriented transports").
    MissingContentLength,
    /// On a stream that the caller says is complete, the Content-Length is larger than the data after
    /// the head ([`super::Message::parse_stream`]); the offset is that of the Content-Length header.
    Truncated,
    /// The Content-Length of a message on a stream is larger than [`super::Limits::max_body_len`].
    BodyTooLarge,
    /// The message has more header fields than [`super::Limits::max_headers`].
    TooManyHeaders,
    /// The head is longer than [`super::Limits::max_head_len`] (or, on a stream, has not ended within it).
    HeadTooLarge,
}

impl ParseErrorKind {
    /// What the kind means, in a few words.
    const fn describe(self) -> &'static str {
        match self {
            ParseErrorKind::Empty => "empty input",
            ParseErrorKind::BadStartLine => "invalid start line",
            ParseErrorKind::NoColon => "a header line without a colon",
            ParseErrorKind::InvalidName => "a header name that is not a token",
            ParseErrorKind::ControlChar { .. } => "a control character",
            ParseErrorKind::FoldBeforeHeader => "a folded line before any header",
            ParseErrorKind::NoEmptyLine => "the data ends before the empty line that ends the head",
            ParseErrorKind::InvalidUtf8 => "the head is not UTF-8",
            ParseErrorKind::InvalidContentLength => {
                "a Content-Length that is not a number of bytes"
            }
            ParseErrorKind::DuplicateContentLength => "more than one Content-Length",
            ParseErrorKind::MissingContentLength => {
                "no Content-Length, which a stream requires (RFC 3261 §18.3)"
            }
            ParseErrorKind::Truncated => "the Content-Length is larger than the data",
            ParseErrorKind::BodyTooLarge => "the Content-Length is larger than the limit",
            ParseErrorKind::TooManyHeaders => "more header fields than the limit",
            ParseErrorKind::HeadTooLarge => "the head is longer than the limit",
        }
    }
}

impl ParseError {
    /// An error of kind `kind` at offset `at`.
    pub(super) const fn new(kind: ParseErrorKind, at: usize) -> Self {
        ParseError {
            kind,
            at,
            detail: kind.describe(),
        }
    }

    /// A [`ParseErrorKind::BadStartLine`] at `at`, for `reason`.
    pub(super) const fn start_line(reason: &'static str, at: usize) -> Self {
        ParseError {
            kind: ParseErrorKind::BadStartLine,
            at,
            detail: reason,
        }
    }

    /// What went wrong.
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The offset in the input of the byte, line or header where the problem was found.
    pub const fn offset(&self) -> usize {
        self.at
    }

    /// What went wrong, in a few words (more precise than the kind for a bad start line).
    pub const fn reason(&self) -> &'static str {
        self.detail
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid SIP message at byte {}: {}",
            self.at, self.detail
        )?;
        match self.kind {
            ParseErrorKind::ControlChar { byte } => write!(f, " (0x{byte:02x})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_says_where_and_why() {
        let e = ParseError::new(ParseErrorKind::ControlChar { byte: 0 }, 17);
        assert_eq!(
            e.to_string(),
            "invalid SIP message at byte 17: a control character (0x00)"
        );
        let e = ParseError::start_line("unsupported SIP version", 5);
        assert_eq!((e.kind(), e.offset()), (ParseErrorKind::BadStartLine, 5));
        assert_eq!(e.reason(), "unsupported SIP version");
        assert!(size_of::<ParseError>() <= 32);
    }
}
