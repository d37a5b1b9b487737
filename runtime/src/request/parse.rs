//! [`RequestHeaders::from_message`]: the headers a response needs, read from a raw request.

use super::{RequestHeaders, cseq_method, required};
use crate::error::Error;
use crate::header::{HeaderValue, same_header};
use crate::syntax::check_token;

impl RequestHeaders {
    /// Extracts the headers from a raw SIP request (request line, headers, empty line, body).
    ///
    /// Header names are matched case-insensitively, compact forms included (`v`, `f`, `t`, `i`); a Via
    /// line holding several comma-separated values gives each (commas inside quoted strings do not
    /// split); folded lines (a line starting with a space or tab continues the previous one) are joined
    /// with a single space. Lines may end with CRLF or, leniently, with a bare LF. Reading stops at the
    /// first empty line; the body is not read.
    ///
    /// Fails if the message is a response or has no request line, if a header line has no colon or an
    /// invalid name, if a needed value holds a control character, or if Via, From, To, Call-ID or CSeq
    /// is missing, or From, To, Call-ID, CSeq or Timestamp is repeated. Other headers are not checked.
    pub fn from_message(message: &str) -> Result<RequestHeaders, Error> {
        const WHAT: &str = "SIP request";
        let mut lines = message
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l));
        match lines.next() {
            None | Some("") => return Err(Error::syntax(WHAT, "no request line")),
            Some(first)
                if first
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("SIP/")) =>
            {
                return Err(Error::syntax(WHAT, "a response, not a request"));
            }
            Some(_) => {}
        }

        let mut found = Found::default();
        // The header being read: its name and its value (owned once a folded line is joined).
        let mut current: Option<(&str, std::borrow::Cow<'_, str>)> = None;
        for line in lines {
            if line.is_empty() {
                break;
            }
            if line.starts_with([' ', '\t']) {
                let Some((_, value)) = current.as_mut() else {
                    return Err(Error::syntax(WHAT, "a folded line before any header"));
                };
                let more = line.trim_matches([' ', '\t']);
                if !more.is_empty() {
                    let joined = value.to_mut();
                    if !joined.is_empty() {
                        joined.push(' ');
                    }
                    joined.push_str(more);
                }
                continue;
            }
            if let Some((name, value)) = current.take() {
                found.add(name, &value)?;
            }
            let Some(colon) = line.find(':') else {
                return Err(Error::syntax(WHAT, "a header line without a colon"));
            };
            let name = line[..colon].trim_end_matches([' ', '\t']);
            check_token(name, "header name")?;
            let value = line[colon + 1..].trim_matches([' ', '\t']);
            current = Some((name, std::borrow::Cow::Borrowed(value)));
        }
        if let Some((name, value)) = current.take() {
            found.add(name, &value)?;
        }
        found.finish()
    }

    /// Extracts the headers from a raw SIP request given as bytes, as [`RequestHeaders::from_message`];
    /// only the head (up to the first empty line) must be UTF-8, the body may be anything.
    pub fn from_message_bytes(message: &[u8]) -> Result<RequestHeaders, Error> {
        let mut end = message.len();
        let mut start = 0;
        while let Some(lf) = message[start..].iter().position(|&b| b == b'\n') {
            let line = &message[start..start + lf];
            if line.is_empty() || line == b"\r" {
                end = start;
                break;
            }
            start += lf + 1;
        }
        let head = &message[..end];
        let head = core::str::from_utf8(head).map_err(|e| {
            let at = e.valid_up_to();
            Error::invalid_char("SIP request", head.get(at).copied().unwrap_or(0), at)
        })?;
        RequestHeaders::from_message(head)
    }
}

/// Splits a header value at each comma outside a quoted string and outside `<…>` (RFC 3261 §7.3.1: a
/// name-addr's URI may hold a comma in its user part).
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let current = rest?;
        let b = current.as_bytes();
        let (mut in_quotes, mut in_angle) = (false, false);
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' if in_quotes => i += 1,
                b'"' if !in_angle => in_quotes = !in_quotes,
                b'<' if !in_quotes => in_angle = true,
                b'>' if !in_quotes => in_angle = false,
                b',' if !in_quotes && !in_angle => {
                    rest = current.get(i + 1..);
                    return current.get(..i);
                }
                _ => {}
            }
            i += 1;
        }
        rest = None;
        Some(current)
    })
}

/// The headers found so far by [`RequestHeaders::from_message`].
#[derive(Default)]
struct Found {
    via: Vec<HeaderValue>,
    record_route: Vec<HeaderValue>,
    from: Option<HeaderValue>,
    to: Option<HeaderValue>,
    call_id: Option<HeaderValue>,
    cseq: Option<HeaderValue>,
    timestamp: Option<HeaderValue>,
}

impl Found {
    fn add(&mut self, name: &str, value: &str) -> Result<(), Error> {
        let list = if same_header(name, "Via") {
            Some((&mut self.via, "Via header"))
        } else if same_header(name, "Record-Route") {
            Some((&mut self.record_route, "Record-Route header"))
        } else {
            None
        };
        if let Some((list, what)) = list {
            for part in split_list(value) {
                let part = part.trim_matches([' ', '\t']);
                if !part.is_empty() {
                    list.push(required(part, what)?);
                }
            }
            return Ok(());
        }
        let (slot, what) = if same_header(name, "From") {
            (&mut self.from, "From header")
        } else if same_header(name, "To") {
            (&mut self.to, "To header")
        } else if same_header(name, "Call-ID") {
            (&mut self.call_id, "Call-ID header")
        } else if same_header(name, "CSeq") {
            (&mut self.cseq, "CSeq header")
        } else if same_header(name, "Timestamp") {
            (&mut self.timestamp, "Timestamp header")
        } else {
            return Ok(());
        };
        if slot.is_some() {
            return Err(Error::syntax(what, "appears more than once"));
        }
        *slot = Some(required(value, what)?);
        Ok(())
    }

    fn finish(self) -> Result<RequestHeaders, Error> {
        const WHAT: &str = "SIP request";
        if self.via.is_empty() {
            return Err(Error::syntax(WHAT, "no Via header"));
        }
        let cseq = self.cseq.ok_or(Error::syntax(WHAT, "no CSeq header"))?;
        Ok(RequestHeaders {
            via: self.via,
            method: cseq_method(cseq.as_str())?,
            record_route: self.record_route,
            from: self.from.ok_or(Error::syntax(WHAT, "no From header"))?,
            to: self.to.ok_or(Error::syntax(WHAT, "no To header"))?,
            call_id: self
                .call_id
                .ok_or(Error::syntax(WHAT, "no Call-ID header"))?,
            cseq,
            timestamp: self.timestamp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &str = "INVITE sip:bob@biloxi.com SIP/2.0\r\n\
        Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bKnashds8;received=192.0.2.3\r\n\
        v: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;x=\"a,b\" ,\r\n \
        SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n\
        Max-Forwards: 68\r\n\
        Record-Route: <sip:p1.example.com;lr>, <sip:a,b@p2.example.com;lr>\r\n\
        record-route: <sip:p3;lr>\r\n\
        t: Bob <sip:bob@biloxi.com>\r\n\
        f: \"Alice, A.\" <sip:alice@atlanta.com>;tag=1928301774\r\n\
        i: a84b4c76e66710@pc33.atlanta.com\r\n\
        CSEQ:\t314159\r\n INVITE\r\n\
        Timestamp: 54\r\n\
        m: <sip:alice@pc33.atlanta.com>\r\n\
        c: application/sdp\r\n\
        l: 4\r\n\
        \r\n\
        v=0\r\n";

    #[test]
    fn realistic_invite() {
        let req = RequestHeaders::from_message(INVITE).unwrap();
        let vias: Vec<_> = req.vias().iter().map(|v| v.as_str()).collect();
        assert_eq!(
            vias,
            [
                "SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bKnashds8;received=192.0.2.3",
                "SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;x=\"a,b\"",
                "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds",
            ]
        );
        assert_eq!(req.to(), "Bob <sip:bob@biloxi.com>");
        assert_eq!(
            req.from(),
            "\"Alice, A.\" <sip:alice@atlanta.com>;tag=1928301774"
        );
        assert_eq!(req.call_id(), "a84b4c76e66710@pc33.atlanta.com");
        assert_eq!(req.cseq(), "314159 INVITE");
        assert_eq!(req.timestamp_value().map(|v| v.as_str()), Some("54"));
        let rr: Vec<_> = req.record_routes().iter().map(|v| v.as_str()).collect();
        assert_eq!(
            rr,
            [
                "<sip:p1.example.com;lr>",
                "<sip:a,b@p2.example.com;lr>",
                "<sip:p3;lr>"
            ]
        );
        assert_eq!(
            RequestHeaders::from_message_bytes(INVITE.as_bytes()).unwrap(),
            req
        );
        let lf_only = INVITE.replace("\r\n", "\n");
        assert_eq!(RequestHeaders::from_message(&lf_only).unwrap(), req);
        let mut binary = INVITE.as_bytes().to_vec();
        binary.extend_from_slice(b"\xff\xfe");
        assert_eq!(RequestHeaders::from_message_bytes(&binary).unwrap(), req);
    }

    #[test]
    fn errors() {
        let base = "INVITE sip:b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n";
        assert!(RequestHeaders::from_message(base).is_ok());
        for bad in [
            String::new(),
            "\r\nVia: x".to_owned(),
            base.replace("INVITE sip:b SIP/2.0", "SIP/2.0 200 OK"),
            base.replace("Via: SIP/2.0/UDP h\r\n", ""),
            base.replace("From: a\r\n", ""),
            base.replace("To: b\r\n", ""),
            base.replace("Call-ID: c\r\n", ""),
            base.replace("CSeq: 1 INVITE\r\n", ""),
            base.replace("CSeq: 1 INVITE", "CSeq: INVITE"),
            base.replace("To: b", "To: b\r\nt: b"),
            base.replace("Call-ID: c", "Call-ID: c\r\ni: d"),
            base.replace("From: a", "From:"),
            base.replace("From: a", "From a"),
            base.replace("From: a", "Fr om: a"),
            base.replace("From: a", "From: a\rb"),
            base.replace("From: a", "From: a\0"),
            base.replace(
                "INVITE sip:b SIP/2.0\r\n",
                "INVITE sip:b SIP/2.0\r\n folded\r\n",
            ),
            format!("{base}Timestamp: 1\r\nTimestamp: 2\r\n"),
        ] {
            assert!(RequestHeaders::from_message(&bad).is_err(), "{bad:?}");
        }
        assert!(RequestHeaders::from_message_bytes(b"INVITE \xff SIP/2.0\r\n").is_err());
    }

    #[test]
    fn splitting() {
        use crate::request::split_outside_quotes;
        let parts: Vec<_> = split_list("<sip:a,b@c>, \"x, y\" <sip:d>,e").collect();
        assert_eq!(parts, ["<sip:a,b@c>", " \"x, y\" <sip:d>", "e"]);
        let parts: Vec<_> = split_outside_quotes(r#"a;b="x;\"y;";c"#, b';').collect();
        assert_eq!(parts, ["a", r#"b="x;\"y;""#, "c"]);
        assert_eq!(split_outside_quotes("", b',').collect::<Vec<_>>(), [""]);
        assert_eq!(
            split_outside_quotes("a,", b',').collect::<Vec<_>>(),
            ["a", ""]
        );
        assert_eq!(
            split_outside_quotes("\"\\", b',').collect::<Vec<_>>(),
            ["\"\\"]
        );
    }
}
