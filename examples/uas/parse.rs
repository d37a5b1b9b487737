//! Request parsing: `ezk-sip-types` splits the message into lines and headers and reads URIs, the top
//! Via and the headers the UAS core asks for (see the note at the top of `main.rs`); `syntax.rs` checks
//! the grammar ezk is lenient about. This module only reads requests: every response is made by
//! `sip_codes` builders.

use crate::address;
use crate::syntax::{self, LineError};
use bytes::Bytes;
use ezk_sip_types::header::typed::Via;
use ezk_sip_types::msg::{Line, PullParser};
use ezk_sip_types::parse::Parse;
use ezk_sip_types::uri::{SipUri, SipUriUserPart};
use ezk_sip_types::{Headers, Name};

/// The request method, compared case-sensitively (RFC 3261 §7.1: `invite` is not INVITE). `Other` is
/// any other token, kept as written in [`Request::method_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Invite,
    Ack,
    Bye,
    Cancel,
    Options,
    Register,
    Other,
}

impl Method {
    pub fn of(name: &str) -> Method {
        match name {
            "INVITE" => Method::Invite,
            "ACK" => Method::Ack,
            "BYE" => Method::Bye,
            "CANCEL" => Method::Cancel,
            "OPTIONS" => Method::Options,
            "REGISTER" => Method::Register,
            _ => Method::Other,
        }
    }
}

/// A parsed SIP request: the typed parts the server decides on, the raw header multimap (unknown
/// headers included, in order) and the raw text that `sip_codes::RequestHeaders` is made from.
pub struct Request {
    pub method: Method,
    /// The method exactly as on the request line.
    pub method_name: String,
    /// The Request-URI when it is a SIP or SIPS URI; `None` for another scheme (416, RFC 3261 §8.2.2.1).
    pub uri: Option<SipUri>,
    pub uri_text: String,
    pub headers: Headers,
    pub body: Bytes,
    /// The message head and body as text, for `RequestHeaders::from_message`.
    pub text: String,
    pub via: Via,
    pub branch: String,
    pub call_id: String,
    pub cseq: u32,
    pub from_tag: Option<String>,
    pub to_tag: Option<String>,
    /// The To URI as written, and its user part when it is a SIP or SIPS URI.
    pub to_uri: String,
    pub to_user: Option<String>,
    pub max_forwards: Option<u8>,
}

/// Why a datagram or stream message is not a usable request.
#[derive(Debug)]
pub enum Rejected {
    /// A response: a UAS has no client transactions, so it is dropped without a word.
    Response,
    /// A request to refuse with this response, if its transaction headers can be read
    /// (`refuse::answerable`).
    Answer(Reject),
}

/// A refusal: which response and why (the why goes into the log and the reason phrase of a 400, as RFC
/// 3261 §21.4.1 asks).
#[derive(Debug, Clone)]
pub struct Reject {
    pub code: RejectCode,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectCode {
    /// 400 Bad Request.
    BadRequest,
    /// 413 Request Entity Too Large: Content-Length above `--max-body`.
    TooLarge,
    /// 505 Version Not Supported.
    VersionNotSupported,
}

impl RejectCode {
    /// The status code of the refusal.
    pub fn status(self) -> sip_codes::StatusCode {
        use sip_codes::StatusCode;
        match self {
            RejectCode::BadRequest => StatusCode::BadRequest,
            RejectCode::TooLarge => StatusCode::RequestEntityTooLarge,
            RejectCode::VersionNotSupported => StatusCode::VersionNotSupported,
        }
    }
}

pub fn bad(why: impl Into<String>) -> Rejected {
    Rejected::Answer(Reject {
        code: RejectCode::BadRequest,
        why: why.into(),
    })
}

/// What the parser is told about where the message came from.
pub struct Limits {
    pub max_body: usize,
    /// A stream (TCP): Content-Length is mandatory there (RFC 3261 §18.3, §20.14).
    pub stream: bool,
}

impl Request {
    /// The user part of the Request-URI, if any.
    pub fn uri_user(&self) -> Option<&str> {
        self.uri.as_ref().and_then(user_of)
    }

    /// The first value of a header, trimmed.
    pub fn first(&self, name: &Name) -> Option<String> {
        self.headers
            .get_raw(name)
            .next()
            .map(|v| syntax::unfold(v).trim().to_string())
    }

    /// Every value of a header, unfolded, in order.
    pub fn all(&self, name: &Name) -> Vec<String> {
        self.headers
            .get_raw(name)
            .map(|v| syntax::unfold(v).trim().to_string())
            .collect()
    }

    /// `sent-by` of the top Via, as text (host[:port]).
    pub fn sent_by(&self) -> String {
        let hp = &self.via.sent_by;
        match hp.port {
            Some(p) => format!("{}:{p}", hp.host),
            None => hp.host.to_string(),
        }
    }
}

pub fn user_of(uri: &SipUri) -> Option<&str> {
    match &uri.user_part {
        SipUriUserPart::Empty => None,
        SipUriUserPart::User(u) => Some(u.as_str()),
        SipUriUserPart::UserPw(up) => Some(up.user.as_str()),
    }
}

/// A whole SIP or SIPS URI (ezk reads a prefix; the rest must be empty).
fn sip_uri(text: &str) -> Option<SipUri> {
    let src = Bytes::copy_from_slice(text.as_bytes());
    let s = std::str::from_utf8(&src).ok()?;
    match SipUri::parse(&src)(s) {
        Ok(("", uri)) => Some(uri),
        _ => None,
    }
}

/// Exactly one value of a header that must appear once.
fn single<'h>(headers: &'h Headers, name: &Name, what: &str) -> Result<&'h str, Rejected> {
    let mut values = headers.get_raw(name);
    match (values.next(), values.next()) {
        (Some(v), None) => Ok(v.as_str()),
        (None, _) => Err(bad(format!("no {what} header"))),
        (Some(_), Some(_)) => Err(bad(format!("more than one {what} header"))),
    }
}

/// Parses one request. `data` is a whole datagram, or one message cut from a stream by `tcp::frame`.
pub fn parse_request(data: Bytes, limits: &Limits) -> Result<Request, Rejected> {
    let mut lines = PullParser::new(&data, 0);
    let first = match lines.next() {
        Some(Ok(l)) => l,
        _ => return Err(bad("incomplete message head")),
    };
    let first = std::str::from_utf8(first).map_err(|_| bad("start line is not UTF-8"))?;
    if first
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("SIP/"))
    {
        return Err(Rejected::Response);
    }
    let line = match syntax::request_line(first) {
        Ok(line) => line,
        Err(LineError::Malformed(why)) => return Err(bad(why)),
        Err(LineError::Version) => {
            return Err(Rejected::Answer(Reject {
                code: RejectCode::VersionNotSupported,
                why: "SIP version other than 2.0".into(),
            }));
        }
    };
    let mut headers = Headers::with_capacity(16);
    for line in lines.by_ref() {
        let line = line.map_err(|_| bad("incomplete message head"))?;
        let line = std::str::from_utf8(line).map_err(|_| bad("header is not UTF-8"))?;
        match Line::parse(&data, line) {
            Ok((_, l)) if syntax::is_token(l.name.as_print_str()) => {
                if let Some(c) = syntax::stray_control(&syntax::unfold(&l.value)) {
                    return Err(bad(format!("control character 0x{c:02x} in a header")));
                }
                headers.insert(l.name, l.value)
            }
            _ => return Err(bad("header line without a name and a colon")),
        }
    }
    let head_end = lines.head_end();
    let head = std::str::from_utf8(&data[..head_end]).map_err(|_| bad("head is not UTF-8"))?;

    // Framing (RFC 3261 §18.3, §20.14; RFC 4475 §3.1.2.2, §3.1.2.3, §3.3.9).
    let lengths: Vec<_> = headers.get_raw(&Name::CONTENT_LENGTH).collect();
    let content_length = match lengths[..] {
        [] if limits.stream => return Err(bad("no Content-Length on a stream")),
        [] => None,
        [v] => {
            Some(syntax::digits::<usize>(v).ok_or_else(|| bad("Content-Length is not a number"))?)
        }
        _ => return Err(bad("more than one Content-Length header")),
    };
    let available = data.len() - head_end;
    let body_len = content_length.unwrap_or(available);
    if body_len > limits.max_body {
        return Err(Rejected::Answer(Reject {
            code: RejectCode::TooLarge,
            why: format!(
                "body of {body_len} bytes, above the limit of {}",
                limits.max_body
            ),
        }));
    }
    if body_len > available {
        return Err(bad("body shorter than Content-Length"));
    }
    // In a datagram, octets after the body are noise (§18.3; RFC 4475 §3.1.1.8).
    let body = data.slice(head_end..head_end + body_len);

    // The headers every request carries once (§8.1.1), and their grammar (§25.1).
    let from = syntax::unfold(single(&headers, &Name::FROM, "From")?).into_owned();
    let to = syntax::unfold(single(&headers, &Name::TO, "To")?).into_owned();
    let call_id = syntax::unfold(single(&headers, &Name::CALL_ID, "Call-ID")?);
    let call_id = call_id.trim_matches([' ', '\t']).to_string();
    let cseq = syntax::unfold(single(&headers, &Name::CSEQ, "CSeq")?).into_owned();
    let from = address::address(&from).map_err(|e| bad(format!("From: {e}")))?;
    let to = address::address(&to).map_err(|e| bad(format!("To: {e}")))?;
    if call_id.is_empty() || call_id.contains([' ', '\t']) {
        return Err(bad("Call-ID is not a single word"));
    }
    let (cseq, cseq_method) = syntax::cseq(&cseq).map_err(bad)?;
    if cseq_method != line.method && crate::uas::is_known_method(line.method) {
        // An unknown method gets 501 whatever its CSeq says (RFC 4475 §3.1.2.18).
        return Err(bad("CSeq method differs from the request method"));
    }
    let vias: Vec<_> = headers.get_raw(&Name::VIA).collect();
    if vias.is_empty() {
        return Err(bad("no Via header"));
    }
    for raw in vias {
        for v in address::split_list(&syntax::unfold(raw)) {
            address::via_value(v).map_err(bad)?;
        }
    }
    let via: Via = headers
        .get_named()
        .map_err(|_| bad("Via: the top value is not readable"))?;
    let max_forwards = match headers.get_raw(&Name::MAX_FORWARDS).collect::<Vec<_>>()[..] {
        [] => None,
        [v] => Some(syntax::digits::<u8>(v).ok_or_else(|| bad("bad Max-Forwards"))?),
        _ => return Err(bad("more than one Max-Forwards header")),
    };
    for raw in headers.get_raw(&Name::CONTACT) {
        let value = syntax::unfold(raw);
        if value.trim() != "*" {
            for c in address::split_list(&value) {
                address::address(c).map_err(|e| bad(format!("Contact: {e}")))?;
            }
        }
    }

    // The Request-URI: a SIP or SIPS URI without headers, or another scheme for the core to refuse.
    let uri = match syntax::scheme(line.uri).as_deref() {
        None => return Err(bad("Request-URI without a scheme")),
        Some("sip" | "sips") if syntax::sip_uri_has_headers(line.uri) => {
            return Err(bad("headers in the Request-URI"));
        }
        Some("sip" | "sips") => Some(sip_uri(line.uri).ok_or_else(|| bad("bad SIP Request-URI"))?),
        Some(_) => None,
    };

    let branch = via
        .params
        .get_val("branch")
        .map(|b| b.to_string())
        .unwrap_or_default();
    let to_user = match syntax::scheme(to.uri).as_deref() {
        Some("sip" | "sips") => sip_uri(to.uri).and_then(|u| user_of(&u).map(str::to_string)),
        _ => None,
    };
    let mut text = head.to_string();
    text.push_str(&String::from_utf8_lossy(&body));
    Ok(Request {
        method: Method::of(line.method),
        method_name: line.method.to_string(),
        uri,
        uri_text: line.uri.to_string(),
        from_tag: from.param("tag").map(str::to_string),
        to_tag: to.param("tag").map(str::to_string),
        to_uri: to.uri.to_string(),
        to_user,
        headers,
        body,
        text,
        branch,
        call_id,
        cseq,
        via,
        max_forwards,
    })
}
