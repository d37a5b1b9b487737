//! The sentences rules are stated in: one small grammar, used by the proc-macro for compile errors and docs
//! and by the runtime for the errors of run-time checks, so that a rule reads the same wherever it is
//! broken.

use String;
use core::fmt::{self, Display, Write};

/// Where a code or a rule comes from: an RFC section, or (vendor codes, local rules) the source a spec names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Citation<'a> {
    /// A section of an RFC.
    Rfc {
        /// The RFC number (`3261`).
        rfc: u16,
        /// The section (`"21.4.6"`).
        section: &'a str,
    },
    /// A source that is not an RFC (`"ACME interconnect guide"`).
    Local(&'a str),
}

impl<'a> Citation<'a> {
    /// The RFC number, if the source is an RFC.
    pub const fn rfc(&self) -> Option<u16> {
        match self {
            Citation::Rfc { rfc, .. } => Some(*rfc),
            Citation::Local(_) => None,
        }
    }

    /// The RFC section, if the source is an RFC.
    pub const fn section(&self) -> Option<&'a str> {
        match self {
            Citation::Rfc { section, .. } => Some(section),
            Citation::Local(_) => None,
        }
    }

    /// The RFC Editor address of the section, if it is one.
    pub fn url(&self) -> Option<impl Display + '_> {
        match self {
            Citation::Rfc { rfc, section } => Some(Url(*rfc, section)),
            Citation::Local(_) => None,
        }
    }
}

struct Url<'a>(u16, &'a str);

impl Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "https://www.rfc-editor.org/rfc/rfc{}#section-{}",
            self.0, self.1
        )
    }
}

/// `RFC 3261 §21.4.6`, or the local source as written.
impl Display for Citation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Citation::Rfc { rfc, section } => write!(f, "RFC {rfc} §{section}"),
            Citation::Local(source) => f.write_str(source),
        }
    }
}

/// What a rule speaks about: responses of a code, or responses of a code to one method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject<'a> {
    /// The status code.
    pub code: u16,
    /// Its reason phrase.
    pub phrase: &'a str,
    /// The request method, where the rule is scoped to one.
    pub method: Option<&'a str>,
}

/// `` `405 Method Not Allowed` ``, or `` `200 OK` to SUBSCRIBE ``.
impl Display for Subject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{} {}`", self.code, self.phrase)?;
        match self.method {
            Some(method) => write!(f, " to {method}"),
            None => Ok(()),
        }
    }
}

/// "a" or "an" before `word` (a header or method name), by how it is spoken: `an Allow`, `an RSeq`,
/// `a SIP-ETag`, `a WWW-Authenticate`, `an INVITE`, `a BYE`.
pub fn article(word: &str) -> &'static str {
    let b = word.as_bytes();
    let Some(first) = b.first().map(u8::to_ascii_uppercase) else {
        return "a";
    };
    // A capital spelt out as a letter before a capitalised word (`RSeq`: "ar-seq", `ETag`) takes the
    // article of the letter's name; anything else that of its first sound.
    let spelt = b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2].is_ascii_lowercase();
    let vowel_sound: &[u8] = if spelt { b"AEFHILMNORSX" } else { b"AEIOU" };
    if vowel_sound.contains(&first) {
        "an"
    } else {
        "a"
    }
}

/// The headers a rule names: `` `Allow` ``, or `` one of the headers `Accept`, `Accept-Encoding` or
/// `Accept-Language` `` for a one-of group.
pub struct Headers<'a>(pub &'a [&'a str], pub bool);

impl Display for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Headers(names, one_of) = *self;
        if one_of && names.len() > 1 {
            f.write_str("one of the headers ")?;
        }
        for (i, name) in names.iter().enumerate() {
            match i {
                0 => {}
                i if i + 1 == names.len() => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

/// `` `405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6) ``: the sentence of a MUST
/// rule a response breaks, at compile time and at run time alike.
pub fn requires(
    subject: Subject<'_>,
    headers: &[&str],
    one_of: bool,
    citation: Citation<'_>,
) -> String {
    let mut out = String::new();
    let _ = if one_of && headers.len() > 1 {
        write!(
            out,
            "{subject} requires {} ({citation})",
            Headers(headers, true)
        )
    } else {
        write!(
            out,
            "{subject} requires the {} header ({citation})",
            Headers(headers, false)
        )
    };
    out
}

/// `` `200 OK` must not carry the `Min-SE` header (RFC 4028 §5) ``: the sentence of a MUST NOT rule.
pub fn forbids(subject: Subject<'_>, header: &str, citation: Citation<'_>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{subject} must not carry the `{header}` header ({citation})"
    );
    out
}

/// `` `180 Ringing` is sent only in response to an INVITE request (RFC 4320 §4.1) ``, or `` `486 Busy Here`
/// is never sent in response to an ACK request (RFC 3261 §17) ``: the sentence of a rule on the methods a
/// code answers (`only`: these methods only; else none of them), with its citation if given.
pub fn answers(
    code: u16,
    phrase: &str,
    methods: &[&str],
    only: bool,
    citation: Option<Citation<'_>>,
) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "`{code} {phrase}` is {} in response to ",
        if only { "sent only" } else { "never sent" }
    );
    for (i, method) in methods.iter().enumerate() {
        match i {
            0 => out.push_str(article(method)),
            i if i + 1 == methods.len() => out.push_str(" or"),
            _ => out.push(','),
        }
        out.push(' ');
        out.push_str(method);
    }
    out.push_str(" request");
    if let Some(citation) = citation {
        let _ = write!(out, " ({citation})");
    }
    out
}

/// `` `200 OK` carries the `Call-ID` header more than once (RFC 3261 §7.3.1) ``.
pub fn repeats(subject: Subject<'_>, header: &str, citation: Citation<'_>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{subject} carries the `{header}` header more than once ({citation})"
    );
    out
}

/// `` `200 OK` declares `Content-Length: 12` but its body is 10 bytes (RFC 3261 §20.14) ``, or, with
/// no declared length, that the header is missing.
pub fn content_length(
    subject: Subject<'_>,
    declared: Option<u64>,
    actual: usize,
    citation: Citation<'_>,
) -> String {
    let mut out = String::new();
    let _ = match declared {
        Some(declared) => write!(
            out,
            "{subject} declares `Content-Length: {declared}` but its body is {actual} bytes ({citation})"
        ),
        None => write!(
            out,
            "{subject} has no `Content-Length` header, which a stream needs ({citation})"
        ),
    };
    out
}

/// `` `405 Method Not Allowed`: the library writes the `Via` header itself (RFC 3261 §8.2.6.2) ``: a
/// header that is copied from the request or computed from the body, set by hand.
pub fn managed(subject: Subject<'_>, header: &str, citation: Citation<'_>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{subject}: the library writes the `{header}` header itself ({citation})"
    );
    out
}

/// `` call `.allow(...)` before `.build()` ``, or `` call one of `.accept(...)`, `.accept_encoding(...)`
/// or `.accept_language(...)` before `.build()` ``: how to fix a missing header.
pub fn fix_by_calling(setters: &[&str]) -> String {
    let mut out = String::from("call ");
    if setters.len() > 1 {
        out.push_str("one of ");
    }
    for (i, setter) in setters.iter().enumerate() {
        match i {
            0 => {}
            i if i + 1 == setters.len() => out.push_str(" or "),
            _ => out.push_str(", "),
        }
        let _ = write!(out, "`.{setter}(...)`");
    }
    out.push_str(" before `.build()`");
    out
}

/// The four levels of a header rule, as their sentences say them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// MUST carry.
    Must,
    /// SHOULD carry.
    Should,
    /// MAY carry.
    May,
    /// MUST NOT carry.
    MustNot,
}

impl Level {
    /// `MUST`, `SHOULD`, `MAY`, `MUST NOT` (RFC 2119 words).
    pub const fn word(self) -> &'static str {
        match self {
            Level::Must => "MUST",
            Level::Should => "SHOULD",
            Level::May => "MAY",
            Level::MustNot => "MUST NOT",
        }
    }
}

/// The words a condition may start with: it completes the sentence of its rule
/// (`MUST carry Contact in responses to a REGISTER request when bindings exist`).
pub const CONDITION_STARTS: [&str; 6] = ["when", "if", "unless", "where", "once", "while"];

/// Whether `condition` starts with one of [`CONDITION_STARTS`] (then a space).
pub fn is_condition(condition: &str) -> bool {
    CONDITION_STARTS.iter().any(|start| {
        condition
            .strip_prefix(start)
            .is_some_and(|rest| rest.starts_with(' '))
    })
}

/// One header rule as a line of documentation: `MUST carry `Contact` in responses to an INVITE request
/// when the response carries a To tag` (the citation is the caller's to add).
pub fn rule(
    level: Level,
    headers: &[&str],
    one_of: bool,
    method: Option<&str>,
    condition: Option<&str>,
) -> String {
    let mut out = String::new();
    let _ = write!(out, "{} carry {}", level.word(), Headers(headers, one_of));
    if let Some(method) = method {
        let _ = write!(out, " in responses to {} {method} request", article(method));
    }
    if let Some(condition) = condition {
        out.push(' ');
        out.push_str(condition);
    }
    out
}

/// The first words of a setter's documentation: `Sets the `Allow` header`, or, for a header a response
/// may carry several times, `Adds an `Error-Info` header`.
pub fn setter_doc(header: &str, multiple: bool) -> String {
    let mut out = String::new();
    let _ = if multiple {
        write!(out, "Adds {} `{header}` header", article(header))
    } else {
        write!(out, "Sets the `{header}` header")
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC: Citation<'static> = Citation::Rfc {
        rfc: 3261,
        section: "21.4.6",
    };

    #[test]
    fn articles() {
        for (word, article_) in [
            ("Allow", "an"),
            ("Error-Info", "an"),
            ("Unsupported", "an"),
            ("RSeq", "an"),
            ("Reason", "a"),
            ("SIP-ETag", "a"),
            ("WWW-Authenticate", "a"),
            ("Contact", "a"),
            ("INVITE", "an"),
            ("OPTIONS", "an"),
            ("UPDATE", "an"),
            ("REGISTER", "a"),
            ("BYE", "a"),
        ] {
            assert_eq!(article(word), article_, "{word}");
        }
    }

    #[test]
    fn sentences() {
        let subject = Subject {
            code: 405,
            phrase: "Method Not Allowed",
            method: None,
        };
        assert_eq!(
            requires(subject, &["Allow"], false, RFC),
            "`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)"
        );
        let subject = Subject {
            code: 415,
            phrase: "Unsupported Media Type",
            method: None,
        };
        assert_eq!(
            requires(
                subject,
                &["Accept", "Accept-Encoding", "Accept-Language"],
                true,
                RFC
            ),
            "`415 Unsupported Media Type` requires one of the headers `Accept`, `Accept-Encoding` or \
             `Accept-Language` (RFC 3261 §21.4.6)"
        );
        let subject = Subject {
            code: 200,
            phrase: "OK",
            method: Some("SUBSCRIBE"),
        };
        assert_eq!(
            forbids(subject, "Min-SE", Citation::Local("ACME policy")),
            "`200 OK` to SUBSCRIBE must not carry the `Min-SE` header (ACME policy)"
        );
        assert_eq!(
            answers(180, "Ringing", &["INVITE"], true, Some(RFC)),
            "`180 Ringing` is sent only in response to an INVITE request (RFC 3261 §21.4.6)"
        );
        assert_eq!(
            answers(491, "Request Pending", &["INVITE", "UPDATE"], true, None),
            "`491 Request Pending` is sent only in response to an INVITE or UPDATE request"
        );
        assert_eq!(
            answers(486, "Busy Here", &["ACK"], false, Some(RFC)),
            "`486 Busy Here` is never sent in response to an ACK request (RFC 3261 §21.4.6)"
        );
        assert_eq!(
            fix_by_calling(&["allow"]),
            "call `.allow(...)` before `.build()`"
        );
        assert_eq!(
            fix_by_calling(&["a", "b", "c"]),
            "call one of `.a(...)`, `.b(...)` or `.c(...)` before `.build()`"
        );
        assert_eq!(
            rule(
                Level::Must,
                &["Contact"],
                false,
                Some("REGISTER"),
                Some("when bindings exist")
            ),
            "MUST carry `Contact` in responses to a REGISTER request when bindings exist"
        );
        assert_eq!(
            setter_doc("Error-Info", true),
            "Adds an `Error-Info` header"
        );
        assert_eq!(setter_doc("Allow", false), "Sets the `Allow` header");
        assert!(is_condition("when it rains"));
        assert!(!is_condition("whenever"));
        assert!(!is_condition("omitted when a proxy answers"));
        assert_eq!(
            RFC.url().map(|u| format!("{u}")).as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc3261#section-21.4.6")
        );
    }
}
