//! Answering requests of the ezk SIP stack with this crate's builders (feature `ezk-sip-types`).
//!
//! ezk keeps a message as a start line, a [`Headers`] map and a body: `ezk_sip_core::IncomingRequest` and
//! `ezk_sip_core::Response` have `line`, `headers` and `body` fields whose types come from
//! [`ezk-sip-types`](https://docs.rs/ezk-sip-types). This module reads what a response copies from a
//! request out of its [`Headers`], and turns a finished [`Response`] into those three parts:
//!
//! - [`request_headers`], and [`ToRequestHeaders::to_request_headers`] on [`Headers`]: a
//!   [`RequestHeaders`] with every Via in order, every Record-Route in order, From, To, Call-ID, CSeq and
//!   Timestamp, which a response starts from as from any other: `status::X::reply_to(&request)`, or the
//!   typed request of [`RequestHeaders::typed`] / [`RequestHeaders::by_method`];
//! - [`IntoEzk::into_ezk`] on [`Response`]: an [`EzkResponse`] with the [`StatusLine`] (code and reason
//!   phrase kept), the [`Headers`] in order with Content-Type, and the body.
//! - [`EzkResponse::check`]: the rules a response made or relayed with ezk breaks, checked as
//!   [`crate::rules::check_message`] checks a received one.
//!
//! ```
//! use bytes::Bytes;
//! use ezk_sip_types::{Headers, Name, StatusCode};
//! use sip_codes::integrations::ezk::{IntoEzk, ToRequestHeaders};
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
//! let request = headers.to_request_headers()?;
//! let response = status::MethodNotAllowed::reply_to(&request)
//!     .allow([Method::Invite, Method::Ack, Method::Bye])
//!     .build()?
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
//! let headers = request.headers.to_request_headers()?;
//! let parts = status::Accepted::reply_to(&headers).build()?.into_ezk();
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
use crate::code::StatusCodeSet;
use crate::message::{Message, ParseError};
use crate::{Error, RequestHeaders, Response, RuleViolation, rules};

/// Reads the headers a response copies from a request's `headers` (RFC 3261 §8.2.6, §12.1.1): every Via
/// value in order, every Record-Route value in order (a line holding several comma-separated values gives
/// each), From, To, Call-ID, CSeq and Timestamp, the raw values that ezk's parser stored under
/// [`Name::VIA`], [`Name::RECORD_ROUTE`], [`Name::FROM`], … (compact forms included). The request's
/// method is read from CSeq.
///
/// Fails as [`RequestHeaders::from_message`] does: if Via, From, To, Call-ID or CSeq is missing, if From,
/// To, Call-ID, CSeq or Timestamp appears more than once, if CSeq is not a number and a method, or if a
/// value is empty or holds CR, LF or NUL.
///
/// ```
/// use ezk_sip_types::{Headers, Name};
/// use sip_codes::header::Method;
///
/// let mut headers = Headers::new();
/// headers.insert(Name::VIA, "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2");
/// headers.insert(Name::RECORD_ROUTE, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>");
/// headers.insert(Name::FROM, "<sip:alice@atlanta.example.com>;tag=88sja8x");
/// headers.insert(Name::TO, "<sip:bob@biloxi.example.com>");
/// headers.insert(Name::CALL_ID, "987asjd97y7atg");
/// headers.insert(Name::CSEQ, "986759 OPTIONS");
///
/// let request = sip_codes::integrations::ezk::request_headers(&headers)?;
/// assert_eq!(request.vias().len(), 2);
/// assert_eq!(request.record_routes()[1], "<sip:p2.example.com;lr>");
/// assert_eq!(request.call_id(), "987asjd97y7atg");
/// assert_eq!(request.method(), &Method::Options);
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
            .chain(raw(&Name::RECORD_ROUTE, Txn::RecordRoute))
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
    /// The status line: the code and the reason phrase (`Some("")` when the phrase is empty: ezk prints
    /// `None` as `SIP/2.0 480` without the space RFC 3261 §25.1 requires before the phrase).
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
    /// let ours = status::Ok::detached().body(MediaType::APPLICATION_SDP, "v=0\r\n").build();
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

    /// Every rule of the code set `C` this response breaks, as [`rules::check_message`] finds them in
    /// its wire form ([`EzkResponse::to_bytes`], where the offsets point): for a response made or
    /// relayed with ezk, not with this crate's builders.
    ///
    /// ```
    /// use ezk_sip_types::{Headers, Name, StatusCode as EzkCode, msg::StatusLine};
    /// use sip_codes::StatusCode;
    /// use sip_codes::integrations::ezk::EzkResponse;
    ///
    /// let mut headers = Headers::new();
    /// headers.insert(Name::VIA, "SIP/2.0/UDP h.example.com;branch=z9hG4bK1");
    /// headers.insert(Name::FROM, "<sip:a@example.com>;tag=1");
    /// headers.insert(Name::TO, "<sip:b@example.com>;tag=2");
    /// headers.insert(Name::CALL_ID, "c1");
    /// headers.insert(Name::CSEQ, "1 MESSAGE");
    /// let reason = Some("Method Not Allowed".into());
    /// let line = StatusLine { code: EzkCode::from(405), reason };
    /// let response = EzkResponse { line, headers, body: Default::default() };
    /// let found = response.check::<StatusCode>()?;
    /// assert_eq!(found[0].to_string(), "`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)");
    /// # Ok::<(), sip_codes::message::ParseError>(())
    /// ```
    pub fn check<C: StatusCodeSet>(&self) -> Result<Vec<RuleViolation>, ParseError> {
        let wire = self.to_bytes();
        let message = Message::parse(&wire)?;
        Ok(rules::check_message::<C>(&message).unwrap_or_default())
    }
}

/// The conversion of a finished [`Response`] into ezk's message parts. Implemented for [`Response`] only.
///
/// The [`EzkResponse`] has:
/// - the code, and the reason phrase byte for byte (an empty phrase is `Some("")`, which ezk prints with
///   the space before it; `None`, what ezk's parser makes of `SIP/2.0 480 `, prints without);
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
/// let ours = status::Ok::detached()
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
                reason: Some(BytesStr::from(reason)),
            },
            headers,
            body: Bytes::copy_from_slice(self.body()),
        }
    }

    fn into_ezk(self) -> EzkResponse {
        self.to_ezk()
    }
}

/// [`request_headers`] as a method of ezk's [`Headers`]: what a response copies from the request whose
/// headers they are. Implemented for [`Headers`] only.
///
/// ```
/// use ezk_sip_types::{Headers, Name};
/// use sip_codes::integrations::ezk::ToRequestHeaders;
/// use sip_codes::{method, status};
///
/// let mut request = Headers::new();
/// request.insert(Name::VIA, "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds");
/// request.insert(Name::RECORD_ROUTE, "<sip:p1.example.com;lr>");
/// request.insert(Name::FROM, "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
/// request.insert(Name::TO, "Bob <sip:bob@biloxi.example.com>");
/// request.insert(Name::CALL_ID, "a84b4c76e66710@pc33.atlanta.example.com");
/// request.insert(Name::CSEQ, "314159 INVITE");
/// request.insert(Name::TIMESTAMP, "54");
///
/// let headers = request.to_request_headers()?;
/// let trying = status::Trying::reply_to(&headers).build()?;
/// assert_eq!(trying.header("Timestamp").unwrap(), "54");
///
/// // Typed by its method, the 200 to the INVITE must carry a Contact, and copies the Record-Route.
/// let invite = headers.typed::<method::Invite>().expect("an INVITE");
/// let ok = status::Ok::reply_to(&invite).contact("sip:bob@192.0.2.4".parse::<sip_codes::header::Uri>()?).build();
/// assert_eq!(ok.header("Record-Route").unwrap(), "<sip:p1.example.com;lr>");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ToRequestHeaders: sealed::Sealed {
    /// Reads the headers with [`request_headers`]. Fails as it does.
    fn to_request_headers(&self) -> Result<RequestHeaders, Error>;
}

impl ToRequestHeaders for Headers {
    fn to_request_headers(&self) -> Result<RequestHeaders, Error> {
        request_headers(self)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::Response {}
    impl Sealed for ezk_sip_types::Headers {}
}
