//! The parts of the RFC 3261 §25.1 grammar this UAS checks itself. `ezk-sip-types` is lenient (it reads
//! `INVITE  sip:a@b  SIP/2.0`, an unterminated quoted display name, and `invite` or `INVITEX` as INVITE)
//! and in one place too strict (it refuses the valid From of RFC 4475 §3.1.1.1, `"J Rosenberg \\\""`),
//! and this server refuses the invalid messages of RFC 4475 §3.1.2 (`tests/data/rfc4475/cases.tsv`
//! lists what it answers to each). So the request line and the scalar headers are checked here, the
//! addresses of From, To and Contact and the Via values in `address.rs`, and ezk is asked only for what
//! it reads right (URIs, the typed top Via, Require, Authorization, Contact for the registrar).

use std::borrow::Cow;

/// `token` characters (RFC 3261 §25.1): alphanumerics and `-.!%*_+`'~`.
pub fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b)
}

pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_char)
}

/// A header value with its folded lines joined (RFC 3261 §7.3.1: a line end followed by whitespace is
/// the same as the whitespace), so the checks below see one line.
pub fn unfold(value: &str) -> Cow<'_, str> {
    if !value.contains('\n') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    for (i, part) in value.split('\n').enumerate() {
        let part = part.strip_suffix('\r').unwrap_or(part);
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part.trim_start_matches([' ', '\t']));
    }
    Cow::Owned(out)
}

/// The first control character (other than HTAB) of `value` that is not the escaped character of a
/// quoted-pair inside a quoted string, the only place RFC 3261 §25.1 allows one (`quoted-pair`).
pub fn stray_control(value: &str) -> Option<u8> {
    let b = value.as_bytes();
    let (mut i, mut quoted) = (0, false);
    while i < b.len() {
        match b[i] {
            b'\\' if quoted => i += 1,
            b'"' => quoted = !quoted,
            c if (c < 0x20 && c != b'\t') || c == 0x7f => return Some(c),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The parts of a request line.
pub struct RequestLine<'a> {
    pub method: &'a str,
    pub uri: &'a str,
}

/// Why a request line is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum LineError {
    Malformed(&'static str),
    /// `SIP/x.y` other than 2.0: 505 (RFC 3261 §21.5.6, RFC 4475 §3.1.2.16).
    Version,
}

/// `Request-Line = Method SP Request-URI SP SIP-Version CRLF` (RFC 3261 §25.1): exactly one SP between
/// the three parts and none after them (RFC 4475 §3.1.2.9, §3.1.2.10: rejecting is allowed, and it keeps
/// one reading of the line); the version is compared case-insensitively (§7.1).
pub fn request_line(line: &str) -> Result<RequestLine<'_>, LineError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(uri), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LineError::Malformed(
            "request line is not METHOD SP URI SP VERSION",
        ));
    };
    if !is_token(method) {
        return Err(LineError::Malformed("method is not a token"));
    }
    if uri.is_empty() || uri.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(LineError::Malformed("bad Request-URI"));
    }
    if !version.eq_ignore_ascii_case("SIP/2.0") {
        let numbers = version
            .get(..4)
            .filter(|p| p.eq_ignore_ascii_case("SIP/"))
            .and_then(|_| version[4..].split_once('.'));
        return match numbers {
            Some((major, minor))
                if !major.is_empty()
                    && !minor.is_empty()
                    && major
                        .bytes()
                        .chain(minor.bytes())
                        .all(|b| b.is_ascii_digit()) =>
            {
                Err(LineError::Version)
            }
            _ => Err(LineError::Malformed("bad SIP version")),
        };
    }
    Ok(RequestLine { method, uri })
}

/// The scheme of an absolute URI, lower-cased (RFC 3986 §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" /
/// "." ) ":"`, followed here by at least one character).
pub fn scheme(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.split_once(':')?;
    let mut b = scheme.bytes();
    let ok = b.next().is_some_and(|c| c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
        && !rest.is_empty();
    ok.then(|| scheme.to_ascii_lowercase())
}

/// Whether a SIP URI has a `headers` part (`?name=value`), which a Request-URI must not have (RFC 3261
/// §19.1.1, table 1; RFC 4475 §3.1.2.11). The user part may hold `?` (§25.1 `user-unreserved`), so only
/// what follows the `@` counts.
pub fn sip_uri_has_headers(uri: &str) -> bool {
    let after_user = uri.split_once('@').map_or(uri, |(_, host)| host);
    after_user.contains('?')
}

/// `CSeq = 1*DIGIT LWS Method`: the number (a 32-bit unsigned integer, RFC 3261 §8.1.1.5) and the
/// method as written.
pub fn cseq(value: &str) -> Result<(u32, &str), &'static str> {
    let value = value.trim_matches([' ', '\t']);
    let (number, method) = value
        .split_once([' ', '\t'])
        .ok_or("CSeq is not NUMBER METHOD")?;
    let method = method.trim_start_matches([' ', '\t']);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || !is_token(method) {
        return Err("CSeq is not NUMBER METHOD");
    }
    let number = number.parse().map_err(|_| "CSeq number above 2**32-1")?;
    Ok((number, method))
}

/// A header that is `1*DIGIT` (Content-Length, Max-Forwards, Expires): `None` when it is not.
pub fn digits<T: std::str::FromStr>(value: &str) -> Option<T> {
    let v = value.trim_matches([' ', '\t']);
    (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        let l = request_line("INVITE sip:a@b SIP/2.0").unwrap();
        assert_eq!((l.method, l.uri), ("INVITE", "sip:a@b"));
        assert!(request_line("options sip:a@b sip/2.0").is_ok());
        assert_eq!(
            request_line("OPTIONS sip:a@b SIP/7.0").err(),
            Some(LineError::Version)
        );
        for bad in [
            "INVITE  sip:a@b  SIP/2.0",
            "OPTIONS sip:a@b SIP/2.0  ",
            "INVITE sip:a@b; lr SIP/2.0",
            "INVITE sip:a@b HTTP/1.1",
            "INV\"ITE sip:a@b SIP/2.0",
        ] {
            assert!(
                matches!(request_line(bad), Err(LineError::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme("tel:+15551234").as_deref(), Some("tel"));
        assert_eq!(scheme("SIP:a@b").as_deref(), Some("sip"));
        assert_eq!(
            scheme("soap.beep://192.0.2.103:3002").as_deref(),
            Some("soap.beep")
        );
        assert_eq!(scheme("<sip:a@b>"), None);
        assert!(sip_uri_has_headers(
            "sip:user@example.com?Route=%3Csip:x%3E"
        ));
        assert!(!sip_uri_has_headers("sip:a?b@example.com;lr"));
    }

    #[test]
    fn scalars() {
        assert_eq!(cseq("0009 INVITE"), Ok((9, "INVITE")));
        assert!(cseq("36893488147419103232 REGISTER").is_err());
        assert!(cseq("one OPTIONS").is_err());
        assert_eq!(digits::<usize>(" 150 "), Some(150));
        assert_eq!(digits::<usize>("-999"), None);
        assert_eq!(digits::<usize>("abc"), None);
        assert_eq!(stray_control("a\0b"), Some(0));
        assert_eq!(stray_control("\"x\\\0\" <sip:a@b>"), None);
        assert_eq!(unfold("a\r\n  b"), "a b");
    }
}
