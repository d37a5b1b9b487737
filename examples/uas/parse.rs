//! Request parsing with `ezk-sip-types` (see the note at the top of `main.rs` for why this crate).
//!
//! This module only reads requests. Every response is made by `sip_codes` builders in `uas.rs`.

use bytes::Bytes;
use ezk_sip_types::header::typed::{CSeq, CallID, ContentLength, FromTo, MaxForwards, Via};
use ezk_sip_types::msg::{Line, MessageLine, PullParser};
use ezk_sip_types::parse::Parse;
use ezk_sip_types::uri::SipUri;
use ezk_sip_types::uri::SipUriUserPart;
use ezk_sip_types::{Headers, Method, Name};

/// A parsed SIP request: the typed parts the server decides on, the raw header multimap (unknown
/// headers included, in order) and the raw text that `sip_codes::RequestHeaders` is made from.
pub struct Request {
    pub method: Method,
    pub uri: SipUri,
    pub headers: Headers,
    pub body: Bytes,
    /// The message head and body as text, for `RequestHeaders::from_message`.
    pub text: String,
    pub via: Via,
    pub branch: String,
    pub call_id: String,
    pub cseq: CSeq,
    pub from_tag: Option<String>,
    pub to_tag: Option<String>,
    pub to_user: Option<String>,
    pub max_forwards: Option<u8>,
}

/// Why a datagram or stream message is not a usable request.
#[derive(Debug)]
pub enum Rejected {
    /// A response: a UAS has no client transactions, so it is dropped without a word.
    Response,
    /// Not a SIP request this parser accepts.
    Malformed(String),
}

impl Request {
    /// The user part of the Request-URI, if any.
    pub fn uri_user(&self) -> Option<&str> {
        user_of(&self.uri)
    }

    /// The first value of a header, trimmed.
    pub fn first(&self, name: &Name) -> Option<String> {
        self.headers
            .get_raw(name)
            .next()
            .map(|v| v.trim().to_string())
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

/// Parses one request. `data` is a whole datagram, or one message cut from a stream by [`frame`].
pub fn parse_request(data: Bytes) -> Result<Request, Rejected> {
    let malformed = |why: &str| Rejected::Malformed(why.to_string());
    let mut lines = PullParser::new(&data, 0);
    let first = match lines.next() {
        Some(Ok(l)) => l,
        _ => return Err(malformed("incomplete message head")),
    };
    let first = std::str::from_utf8(first).map_err(|_| malformed("start line is not UTF-8"))?;
    let start = match <MessageLine as Parse>::parse(&data)(first) {
        Ok((rest, MessageLine::Request(line))) if rest.trim().is_empty() => line,
        Ok((_, MessageLine::Response(_))) => return Err(Rejected::Response),
        _ => return Err(malformed("bad request line")),
    };
    let mut headers = Headers::with_capacity(16);
    for line in lines.by_ref() {
        let line = line.map_err(|_| malformed("incomplete message head"))?;
        let line = std::str::from_utf8(line).map_err(|_| malformed("header is not UTF-8"))?;
        match Line::parse(&data, line) {
            Ok((_, l)) if !l.name.as_print_str().is_empty() => headers.insert(l.name, l.value),
            _ => return Err(malformed("bad header line")),
        }
    }
    let head_end = lines.head_end();
    let head =
        std::str::from_utf8(&data[..head_end]).map_err(|_| malformed("head is not UTF-8"))?;

    let content_length = match headers.try_get_named::<ContentLength>() {
        Some(Ok(cl)) => Some(cl.0),
        Some(Err(_)) => return Err(malformed("bad Content-Length")),
        None => None,
    };
    let available = data.len() - head_end;
    let body_len = match content_length {
        Some(n) if n > available => return Err(malformed("body shorter than Content-Length")),
        Some(n) => n,
        None => available,
    };
    let body = data.slice(head_end..head_end + body_len);
    let mut text = head.to_string();
    text.push_str(&String::from_utf8_lossy(&body));

    let via: Via = headers
        .get_named()
        .map_err(|e| malformed(&format!("Via: {e}")))?;
    let cseq: CSeq = headers
        .get_named()
        .map_err(|e| malformed(&format!("CSeq: {e}")))?;
    let call_id: CallID = headers
        .get_named()
        .map_err(|e| malformed(&format!("Call-ID: {e}")))?;
    let from: FromTo = headers
        .get(Name::FROM)
        .map_err(|e| malformed(&format!("From: {e}")))?;
    let to: FromTo = headers
        .get(Name::TO)
        .map_err(|e| malformed(&format!("To: {e}")))?;
    let max_forwards = match headers.try_get_named::<MaxForwards>() {
        Some(Ok(m)) => Some(m.0),
        Some(Err(_)) => return Err(malformed("bad Max-Forwards")),
        None => None,
    };
    if cseq.method != start.method {
        return Err(malformed("CSeq method differs from the request method"));
    }
    let branch = via
        .params
        .get_val("branch")
        .map(|b| b.to_string())
        .unwrap_or_default();
    let to_user = user_of(&to.uri.uri).map(str::to_string);
    Ok(Request {
        method: start.method,
        uri: start.uri,
        headers,
        body,
        text,
        branch,
        call_id: call_id.0.to_string(),
        cseq,
        from_tag: from.tag.map(|t| t.to_string()),
        to_tag: to.tag.map(|t| t.to_string()),
        to_user,
        via,
        max_forwards,
    })
}
