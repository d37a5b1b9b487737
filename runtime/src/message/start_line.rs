//! [`StartLine`]: the first line of a message, a Request-Line or a Status-Line (RFC 3261 §7.1, §7.2,
//! §25.1).

use super::error::{ParseError, ParseErrorKind};
use crate::StatusClass;
use crate::code::{InterpretError, StatusCodeSet, interpret};
use crate::error::ErrorKind;
use crate::status_line::StatusLineRef;
use crate::syntax::is_token_byte;

/// The first line of a message: what makes it a request or a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartLine<'a> {
    /// `Method SP Request-URI SP SIP-Version` (RFC 3261 §7.1).
    Request(RequestLine<'a>),
    /// `SIP-Version SP Status-Code SP Reason-Phrase` (RFC 3261 §7.2).
    Response(ResponseLine<'a>),
}

/// A Request-Line, borrowed from the message: `INVITE sip:bob@biloxi.com SIP/2.0`.
///
/// The method is a `token` (RFC 3261 §25.1), of any case; the Request-URI is any run of bytes without
/// white space or control characters (its URI grammar is not checked); the version is `SIP/2.0`, `SIP`
/// in any ASCII case, as a Status-Line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLine<'a> {
    method: &'a str,
    uri: &'a str,
    version: &'a str,
}

impl<'a> RequestLine<'a> {
    /// The method as written (`"INVITE"`); methods are case-sensitive (RFC 3261 §7.1).
    pub fn method(&self) -> &'a str {
        self.method
    }

    /// The Request-URI as written.
    pub fn uri(&self) -> &'a str {
        self.uri
    }

    /// The version as written (`"SIP/2.0"`).
    pub fn version(&self) -> &'a str {
        self.version
    }
}

/// A Status-Line, borrowed from the message: `SIP/2.0 180 Ringing`. Checked as
/// [`crate::status_line::StatusLineRef`] checks it: `SIP/2.0`, a code in 100–699, a space, a reason
/// phrase (possibly empty) without control characters but tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseLine<'a> {
    version: &'a str,
    code: u16,
    reason: &'a str,
}

impl<'a> ResponseLine<'a> {
    /// The version as written (`"SIP/2.0"`).
    pub fn version(&self) -> &'a str {
        self.version
    }

    /// The status code, in 100–699.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The reason phrase as written; may be empty.
    pub fn reason(&self) -> &'a str {
        self.reason
    }

    /// The class of the code (RFC 3261 §7.2).
    pub fn class(&self) -> StatusClass {
        StatusClass::of(self.code).unwrap_or(StatusClass::GlobalFailure)
    }

    /// The code as a member of the code set `C`, or `None` if `C` does not know it.
    pub fn status<C: StatusCodeSet>(&self) -> Option<C> {
        C::from_u16(self.code)
    }

    /// The code as RFC 3261 §8.1.3.2 says to treat it: see [`crate::code::interpret`].
    pub fn interpret<C: StatusCodeSet>(&self) -> Result<C, InterpretError> {
        interpret(self.code)
    }
}

/// The code set of a Status-Line checked for its shape only: it knows no code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShapeOnly;

impl StatusCodeSet for ShapeOnly {
    fn from_u16(_: u16) -> Option<Self> {
        None
    }
    fn code(self) -> u16 {
        0
    }
    fn reason_phrase(self) -> &'static str {
        ""
    }
    fn rules(self) -> &'static crate::rules::CodeRules {
        // Never reached: the set has no member.
        static NONE: crate::rules::CodeRules = crate::rules::CodeRules {
            code: 0,
            phrase: "",
            headers: crate::rules::HeaderRules {
                must: &[],
                should: &[],
                may: &[],
                must_not: &[],
            },
            answers: &[],
        };
        &NONE
    }
}

impl<'a> StartLine<'a> {
    /// Parses the first line of a message (without its line end; the scan has found no control byte in
    /// it but tabs). Offsets in errors are offsets in the line, which is at the start of the message.
    pub(super) fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let text = core::str::from_utf8(line)
            .map_err(|e| ParseError::new(ParseErrorKind::InvalidUtf8, e.valid_up_to()))?;
        Self::parse_text(text)
    }

    /// [`StartLine::parse`] of a line known to be UTF-8.
    pub(super) fn parse_text(text: &'a str) -> Result<Self, ParseError> {
        let line = text.as_bytes();
        if line.is_empty() {
            return Err(ParseError::start_line("empty start line", 0));
        }
        if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"SIP/") {
            return parse_status(text).map(StartLine::Response);
        }
        parse_request(text).map(StartLine::Request)
    }

    /// The Request-Line, if the message is a request.
    pub fn request(&self) -> Option<&RequestLine<'a>> {
        match self {
            StartLine::Request(line) => Some(line),
            StartLine::Response(_) => None,
        }
    }

    /// The Status-Line, if the message is a response.
    pub fn response(&self) -> Option<&ResponseLine<'a>> {
        match self {
            StartLine::Response(line) => Some(line),
            StartLine::Request(_) => None,
        }
    }
}

/// A Status-Line, through [`StatusLineRef`] (one parser of status lines in the crate).
fn parse_status(text: &str) -> Result<ResponseLine<'_>, ParseError> {
    match StatusLineRef::<ShapeOnly>::parse(text) {
        Ok(line) => Ok(ResponseLine {
            version: line.version(),
            code: line.code(),
            reason: line.reason(),
        }),
        Err(e) => Err(match *e.kind() {
            ErrorKind::InvalidChar { at, .. } => {
                ParseError::start_line("a byte the Status-Line does not allow there", at)
            }
            ErrorKind::OutOfRange => ParseError::start_line("a status code outside 100–699", 8),
            ErrorKind::Syntax(reason) => ParseError::start_line(reason, 0),
            _ => ParseError::start_line("invalid Status-Line", 0),
        }),
    }
}

/// `Method SP Request-URI SP SIP-Version` (RFC 3261 §7.1, §25.1).
fn parse_request(text: &str) -> Result<RequestLine<'_>, ParseError> {
    let b = text.as_bytes();
    let method_end = b.iter().position(|&c| !is_token_byte(c)).unwrap_or(b.len());
    if method_end == 0 {
        return Err(ParseError::start_line("the method is not a token", 0));
    }
    match b.get(method_end) {
        Some(b' ') => {}
        None => {
            return Err(ParseError::start_line(
                "no Request-URI after the method",
                method_end,
            ));
        }
        Some(_) => {
            return Err(ParseError::start_line(
                "the method is not a token",
                method_end,
            ));
        }
    }
    let uri_start = method_end + 1;
    let uri_end = b[uri_start..]
        .iter()
        .position(|&c| c == b' ' || c == b'\t')
        .map_or(b.len(), |i| uri_start + i);
    if uri_end == uri_start {
        return Err(ParseError::start_line("empty Request-URI", uri_start));
    }
    match b.get(uri_end) {
        Some(b' ') => {}
        None => {
            return Err(ParseError::start_line(
                "no SIP version after the Request-URI",
                uri_end,
            ));
        }
        Some(_) => return Err(ParseError::start_line("a tab in the request line", uri_end)),
    }
    let version = &text[uri_end + 1..];
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        return Err(ParseError::start_line(
            "the request line does not end with SIP/2.0 (the only version accepted)",
            uri_end + 1,
        ));
    }
    Ok(RequestLine {
        method: &text[..method_end],
        uri: &text[uri_start..uri_end],
        version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: &str) -> (usize, &'static str) {
        let e = StartLine::parse(line.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ParseErrorKind::BadStartLine, "{line:?}");
        (e.offset(), e.reason())
    }

    #[test]
    fn request_lines() {
        let line = StartLine::parse(b"INVITE sip:bob@biloxi.com SIP/2.0").unwrap();
        let req = line.request().unwrap();
        assert_eq!(
            (req.method(), req.uri(), req.version()),
            ("INVITE", "sip:bob@biloxi.com", "SIP/2.0")
        );
        assert!(line.response().is_none());
        let ext = StartLine::parse(b"x-Foo.bar sips:a;b=\"c\" sip/2.0").unwrap();
        assert_eq!(ext.request().unwrap().method(), "x-Foo.bar");
        assert_eq!(err(""), (0, "empty start line"));
        assert_eq!(err("INVITE").0, 6);
        assert_eq!(err(" INVITE sip:a SIP/2.0").0, 0);
        assert_eq!(err("INV:TE sip:a SIP/2.0").0, 3);
        assert_eq!(err("INVITE  SIP/2.0"), (7, "empty Request-URI"));
        assert_eq!(err("INVITE sip:a").0, 12);
        assert_eq!(err("INVITE sip:a\tSIP/2.0").0, 12);
        assert_eq!(err("INVITE sip:a SIP/2.1").0, 13);
        assert_eq!(err("INVITE sip:a SIP/2.0 ").0, 13);
        assert_eq!(err("GET / HTTP/1.1").0, 6);
    }

    #[test]
    fn status_lines() {
        let line = StartLine::parse("SIP/2.0 480 Temporarily Unavailable".as_bytes()).unwrap();
        let res = line.response().unwrap();
        assert_eq!(
            (res.version(), res.code(), res.reason()),
            ("SIP/2.0", 480, "Temporarily Unavailable")
        );
        assert_eq!(res.class(), StatusClass::RequestFailure);
        assert_eq!(res.status::<ShapeOnly>(), None);
        assert!(res.interpret::<ShapeOnly>().is_err());
        assert_eq!(
            StartLine::parse(b"sip/2.0 199 ")
                .unwrap()
                .response()
                .unwrap()
                .reason(),
            ""
        );
        assert_eq!(
            StartLine::parse("SIP/2.0 200 Très\tbien".as_bytes())
                .unwrap()
                .response()
                .unwrap()
                .reason(),
            "Très\tbien"
        );
        for bad in [
            "SIP/2.0 700 Nope",
            "SIP/2.0 2OO OK",
            "SIP/2.0 200",
            "SIP/3.0 200 OK",
            "SIP/2.0\t200 OK",
            "SIP/",
        ] {
            err(bad);
        }
        assert_eq!(err("SIP/2.0 099 Low").0, 8);
        let e = StartLine::parse(b"SIP/2.0 200 \xff").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ParseErrorKind::InvalidUtf8, 12));
    }
}
