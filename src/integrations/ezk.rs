//! Answering requests of the ezk SIP stack with this crate's builders (feature `ezk-sip-types`).
//!
//! ezk keeps a message as a start line, a [`Headers`] map and a body: `ezk_sip_core::IncomingRequest` and
//! `ezk_sip_core::Response` have `line`, `headers` and `body` fields whose types come from
//! [`ezk-sip-types`](https://docs.rs/ezk-sip-types). This module reads the transaction headers of a
//! request from its [`Headers`], and turns a finished [`Response`] into those three parts:
//!
//! - [`ReplyToEzk::reply_to_ezk`] on every builder of [`status`](crate::status): copies every Via in
//!   order, From, To (with this response's To tag where the request had none), Call-ID, CSeq, and
//!   Timestamp in a 100; [`request_headers`] does the same outside a builder chain;
//! - [`IntoEzk::into_ezk`] on [`Response`]: an [`EzkResponse`] with the [`StatusLine`] (code and reason
//!   phrase kept), the [`Headers`] in order with Content-Type, and the body.
//!
//! ```
//! use bytes::Bytes;
//! use ezk_sip_types::{Headers, Name, StatusCode};
//! use sip_codes::integrations::ezk::{IntoEzk, ReplyToEzk};
//! use sip_codes::{header::Method, status};
//!
//! // The headers of a request as ezk parsed them (`IncomingRequest::headers`).
//! let mut headers = Headers::new();
//! headers.insert(Name::VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds");
//! headers.insert(Name::FROM, "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
//! headers.insert(Name::TO, "Bob <sip:bob@biloxi.example.com>");
//! headers.insert(Name::CALL_ID, "a84b4c76e66710@pc33.atlanta.example.com");
//! headers.insert(Name::CSEQ, "1 MESSAGE");
//!
//! let response = status::MethodNotAllowed::builder()
//!     .reply_to_ezk(&headers)?
//!     .allow([Method::Invite, Method::Ack, Method::Bye])
//!     .build()
//!     .into_ezk();
//!
//! assert_eq!(response.line.code, StatusCode::from(405));
//! assert_eq!(response.line.reason.as_deref(), Some("Method Not Allowed"));
//! assert_eq!(response.headers.get_raw(&Name::ALLOW).next().unwrap(), "INVITE, ACK, BYE");
//! assert_eq!(response.body, Bytes::new());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With `ezk-sip-core`, make the outgoing response with the endpoint (it holds the transport and the
//! destination), then put the parts in it; the endpoint adds Content-Length when it prints the response:
//!
//! ```ignore
//! let parts = status::Ok::builder().reply_to_ezk(&request.headers)?.build().into_ezk();
//! let mut response = endpoint.create_response(&request, parts.line.code, None);
//! (response.msg.line, response.msg.headers, response.msg.body) = (parts.line, parts.headers, parts.body);
//! transaction.respond(response).await?;
//! ```

use bytes::Bytes;
use bytesstr::BytesStr;
use ezk_sip_types::msg::StatusLine;
use ezk_sip_types::print::{AppendCtx, PrintCtx};
use ezk_sip_types::{Headers, Name, StatusCode};

use super::Txn;
use crate::{Error, RequestHeaders, Response};

/// Reads the headers a response copies from a request's `headers` (RFC 3261 §8.2.6): every Via value in
/// order (a Via line holding several comma-separated values gives each), From, To, Call-ID, CSeq and
/// Timestamp, the raw values that ezk's parser stored under [`Name::VIA`], [`Name::FROM`], … (compact
/// forms included).
///
/// Fails as [`RequestHeaders::from_message`] does: if Via, From, To, Call-ID or CSeq is missing, if From,
/// To, Call-ID, CSeq or Timestamp appears more than once, or if a value is empty or holds CR, LF or NUL.
///
/// ```
/// use ezk_sip_types::{Headers, Name};
///
/// let mut headers = Headers::new();
/// headers.insert(Name::VIA, "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2");
/// headers.insert(Name::FROM, "<sip:alice@atlanta.example.com>;tag=88sja8x");
/// headers.insert(Name::TO, "<sip:bob@biloxi.example.com>");
/// headers.insert(Name::CALL_ID, "987asjd97y7atg");
/// headers.insert(Name::CSEQ, "986759 OPTIONS");
///
/// let request = sip_codes::integrations::ezk::request_headers(&headers)?;
/// assert_eq!(request.vias().len(), 2);
/// assert_eq!(request.call_id(), "987asjd97y7atg");
///
/// headers.remove(&Name::CSEQ);
/// let err = sip_codes::integrations::ezk::request_headers(&headers).unwrap_err();
/// assert_eq!(err.to_string(), "invalid SIP request: no CSeq header");
/// # Ok::<(), sip_codes::Error>(())
/// ```
pub fn request_headers(headers: &Headers) -> Result<RequestHeaders, Error> {
    let raw = |name: &Name, kind: Txn| headers.get_raw(name).map(move |v| (kind, v.as_str()));
    super::collect(
        raw(&Name::VIA, Txn::Via)
            .chain(raw(&Name::FROM, Txn::From))
            .chain(raw(&Name::TO, Txn::To))
            .chain(raw(&Name::CALL_ID, Txn::CallId))
            .chain(raw(&Name::CSEQ, Txn::CSeq))
            .chain(raw(&Name::TIMESTAMP, Txn::Timestamp)),
    )
}

/// A [`Response`] as ezk's message parts: the fields of `ezk_sip_core::Response`.
#[derive(Debug, Clone)]
pub struct EzkResponse {
    /// The status line: the code and the reason phrase (`None` when the phrase is empty).
    pub line: StatusLine,
    /// Every header in order, then Content-Type when there is a body type. No Content-Length: ezk's
    /// endpoint adds it when it prints a message ([`EzkResponse::to_bytes`] does the same).
    pub headers: Headers,
    /// The body.
    pub body: Bytes,
}

impl EzkResponse {
    /// The response in wire format, printed as `ezk_sip_core`'s endpoint prints the responses it sends:
    /// the status line, the headers with Content-Length added, an empty line and the body.
    ///
    /// ```
    /// use sip_codes::integrations::ezk::IntoEzk;
    /// use sip_codes::{header::MediaType, status};
    ///
    /// let ours = status::Ok::builder().body(MediaType::APPLICATION_SDP, "v=0\r\n").build();
    /// assert_eq!(ours.to_ezk().to_bytes(), ours.to_bytes());
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut headers = self.headers.clone();
        headers.insert(Name::CONTENT_LENGTH, self.body.len());
        let ctx = PrintCtx {
            method: None,
            uri: None,
        };
        let mut out = format!("{}\r\n{}\r\n", self.line.print_ctx(ctx), headers).into_bytes();
        out.extend_from_slice(&self.body);
        out
    }
}

/// The conversion of a finished [`Response`] into ezk's message parts. Implemented for [`Response`] only.
///
/// The [`EzkResponse`] has:
/// - the code, and the reason phrase byte for byte (an empty phrase is `None`, as ezk's parser makes it);
/// - every header in order under the [`Name`] that ezk's parser gives its name; a map of names, [`Headers`]
///   keeps the values of one name together where the first of them is, so the order changes only when a
///   name repeats with others between (two Warning headers around a Server header);
/// - Content-Type when there is a body type, and no Content-Length (ezk's endpoint adds it);
/// - the body.
///
/// ```
/// use ezk_sip_types::Name;
/// use sip_codes::integrations::ezk::IntoEzk;
/// use sip_codes::{header::MediaType, response::ReasonPhrase, status};
///
/// let ours = status::Ok::builder()
///     .reason_phrase(ReasonPhrase::new("Fine")?)
///     .body(MediaType::APPLICATION_SDP, "v=0\r\n")
///     .build();
/// let theirs = ours.to_ezk();
/// assert_eq!(theirs.line.to_string(), "SIP/2.0 200 Fine");
/// assert_eq!(theirs.headers.get_raw(&Name::CONTENT_TYPE).next().unwrap(), "application/sdp");
/// assert_eq!(theirs.body, "v=0\r\n".as_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait IntoEzk: sealed::Sealed {
    /// ezk's parts for this response.
    fn to_ezk(&self) -> EzkResponse;

    /// ezk's parts for this response, consuming it.
    fn into_ezk(self) -> EzkResponse;
}

impl IntoEzk for Response {
    fn to_ezk(&self) -> EzkResponse {
        let mut headers = Headers::with_capacity(self.headers().len() + 1);
        for h in self.headers() {
            headers.insert(
                Name::from(h.name().as_str()),
                BytesStr::from(h.value().as_str()),
            );
        }
        if let Some(content_type) = self.content_type() {
            headers.insert(Name::CONTENT_TYPE, content_type.as_str());
        }
        let reason = self.reason();
        EzkResponse {
            line: StatusLine {
                code: StatusCode::from(self.code()),
                reason: (!reason.is_empty()).then(|| BytesStr::from(reason)),
            },
            headers,
            body: Bytes::copy_from_slice(self.body()),
        }
    }

    fn into_ezk(self) -> EzkResponse {
        self.to_ezk()
    }
}

/// Copies the transaction headers of an ezk request into a response under construction. Implemented for
/// every builder of [`status`](crate::status).
///
/// ```
/// use ezk_sip_types::{Headers, Name};
/// use sip_codes::integrations::ezk::ReplyToEzk;
/// use sip_codes::status;
///
/// let mut request = Headers::new();
/// request.insert(Name::VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds");
/// request.insert(Name::FROM, "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
/// request.insert(Name::TO, "Bob <sip:bob@biloxi.example.com>");
/// request.insert(Name::CALL_ID, "a84b4c76e66710@pc33.atlanta.example.com");
/// request.insert(Name::CSEQ, "314159 INVITE");
/// request.insert(Name::TIMESTAMP, "54");
///
/// let trying = status::Trying::builder().reply_to_ezk(&request)?.build();
/// assert_eq!(trying.header("Timestamp").unwrap(), "54");
/// # Ok::<(), sip_codes::Error>(())
/// ```
pub trait ReplyToEzk: Sized + sealed::Sealed {
    /// Reads the transaction headers of a request's `headers` with [`request_headers`] and copies them as
    /// the builder's `reply_to` does. Fails as [`request_headers`] does.
    fn reply_to_ezk(self, headers: &Headers) -> Result<Self, Error>;
}

impl<C, S> ReplyToEzk for crate::status::Builder<C, S> {
    fn reply_to_ezk(self, headers: &Headers) -> Result<Self, Error> {
        Ok(self.reply_to(&request_headers(headers)?))
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::Response {}
    impl<C, S> Sealed for crate::status::Builder<C, S> {}
}
