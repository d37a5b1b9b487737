//! Answering [rsipstack](https://docs.rs/rsipstack) requests with this crate's builders (feature
//! `rsipstack`).
//!
//! rsipstack carries messages as its own `rsipstack::sip` types (a fork of `rsip`). This module reads what
//! a response copies from a [`sip::Request`] through rsipstack's typed header list, and turns a finished
//! [`Response`] into a [`sip::Response`] that rsipstack's transactions send:
//!
//! - [`request_headers`], and [`ToRequestHeaders::to_request_headers`] on [`sip::Request`]: a
//!   [`RequestHeaders`] with every Via in order, every Record-Route in order, From, To, Call-ID, CSeq and
//!   Timestamp, which a response starts from as from any other: `status::X::reply_to(&request)`, or the
//!   typed request of [`RequestHeaders::typed`] / [`RequestHeaders::by_method`];
//! - [`IntoRsipstack::into_rsipstack`] on [`Response`]: the code, the reason phrase, every header in order,
//!   Content-Type, Content-Length and the body.
//! - [`check`]: the rules a [`sip::Response`] made or relayed with rsipstack breaks, checked as
//!   [`crate::rules::check_message`] checks a received one.
//!
//! ```
//! use rsipstack::sip::{Request, StatusCode};
//! use sip_codes::header::Method;
//! use sip_codes::integrations::rsipstack::{IntoRsipstack, ToRequestHeaders};
//! use sip_codes::status;
//!
//! let request = Request::try_from(
//!     "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n\
//!      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
//!      Max-Forwards: 70\r\n\
//!      From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
//!      To: Bob <sip:bob@biloxi.example.com>\r\n\
//!      Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
//!      CSeq: 1 MESSAGE\r\n\
//!      Content-Length: 0\r\n\r\n",
//! )?;
//!
//! let headers = request.to_request_headers()?;
//! let response = status::MethodNotAllowed::reply_to(&headers)
//!     .allow([Method::Invite, Method::Ack, Method::Bye])
//!     .build()?
//!     .into_rsipstack();
//!
//! assert_eq!(response.status_code, StatusCode::MethodNotAllowed);
//! let wire = String::from_utf8(response.to_bytes())?;
//! assert!(wire.starts_with(
//!     "SIP/2.0 405 Method Not Allowed\r\n\
//!      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
//! ));
//! assert!(wire.ends_with("Allow: INVITE, ACK, BYE\r\nContent-Length: 0\r\n\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In a server, the request is the transaction's `original`, and the converted response goes to
//! `Transaction::respond`:
//!
//! ```no_run
//! use rsipstack::transaction::transaction::Transaction;
//! use sip_codes::integrations::rsipstack::{IntoRsipstack, ToRequestHeaders};
//! use sip_codes::{header::Method, status};
//!
//! async fn reject(tx: &mut Transaction) -> Result<(), Box<dyn std::error::Error>> {
//!     let request = tx.original.to_request_headers()?;
//!     let response = status::MethodNotAllowed::reply_to(&request)
//!         .allow([Method::Invite, Method::Ack, Method::Bye, Method::Options])
//!         .build()?
//!         .into_rsipstack();
//!     tx.respond(response).await?;
//!     Ok(())
//! }
//! ```

use ::rsipstack::sip::{self, Header};

use super::Txn;
use crate::code::StatusCodeSet;
use crate::message::{Message, ParseError};
use crate::{Error, RequestHeaders, Response, RuleViolation, rules};

/// Reads the headers a response copies from `request` (RFC 3261 §8.2.6, §12.1.1): every Via value in
/// order, every Record-Route value in order (a line holding several comma-separated values gives each),
/// From, To, Call-ID, CSeq and Timestamp, as rsipstack's parser stored them (`sip::Header::Via`,
/// `sip::Header::RecordRoute`, `sip::Header::From`, …; compact forms included). The request's method is
/// read from CSeq.
///
/// Fails as [`RequestHeaders::from_message`] does: if Via, From, To, Call-ID or CSeq is missing, if From,
/// To, Call-ID, CSeq or Timestamp appears more than once, if CSeq is not a number and a method, or if a
/// value is empty or holds CR, LF or NUL.
///
/// ```
/// let request = rsipstack::sip::Request::try_from(
///     "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
///      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n\
///      v: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1, SIP/2.0/UDP edge.example.com;branch=z9hG4bK2\r\n\
///      Record-Route: <sip:proxy.example.com;lr>\r\n\
///      To: <sip:carol@chicago.example.com>\r\n\
///      From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
///      Call-ID: a84b4c76e66710\r\n\
///      CSeq: 63104 OPTIONS\r\n\
///      Content-Length: 0\r\n\r\n",
/// )?;
/// let headers = sip_codes::integrations::rsipstack::request_headers(&request)?;
/// assert_eq!(headers.vias().len(), 3);
/// assert_eq!(headers.vias()[2], "SIP/2.0/UDP edge.example.com;branch=z9hG4bK2");
/// assert_eq!(headers.record_routes(), ["<sip:proxy.example.com;lr>"]);
/// assert_eq!(headers.cseq(), "63104 OPTIONS");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn request_headers(request: &sip::Request) -> Result<RequestHeaders, Error> {
    super::collect(request.headers.iter().filter_map(|header| {
        Some(match header {
            Header::Via(v) => (Txn::Via, v.value()),
            Header::RecordRoute(v) => (Txn::RecordRoute, v.value()),
            Header::From(v) => (Txn::From, v.value()),
            Header::To(v) => (Txn::To, v.value()),
            Header::CallId(v) => (Txn::CallId, v.value()),
            Header::CSeq(v) => (Txn::CSeq, v.value()),
            Header::Timestamp(v) => (Txn::Timestamp, v.value()),
            _ => return None,
        })
    }))
}

/// rsipstack's status code for `code` sent with `reason`.
///
/// rsipstack writes `status_code.text()` on the wire, the standard text of a named code: a response whose
/// phrase is that text gets the named variant (`StatusCode::Forbidden`); one with another phrase (`403
/// Wrong Guess`), or a code rsipstack does not name, gets `StatusCode::Other(code, phrase)`, so that the
/// phrase is sent. `code()` and `kind()` are the same either way.
fn status_code(code: u16, reason: &str) -> sip::StatusCode {
    let named = sip::StatusCode::from(code);
    if !matches!(named, sip::StatusCode::Other(..)) && named.text() == reason {
        named
    } else {
        sip::StatusCode::Other(code, reason.to_owned())
    }
}

/// Every rule of the code set `C` an rsipstack response breaks, as [`rules::check_message`] finds them in
/// its wire form (`response.to_bytes()`, where the offsets point): for a response made or relayed with
/// rsipstack, not with this crate's builders.
///
/// ```
/// use sip_codes::StatusCode;
/// use sip_codes::integrations::rsipstack::check;
///
/// let relayed = rsipstack::sip::Response::try_from(
///     "SIP/2.0 405 Method Not Allowed\r\n\
///      Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n\
///      From: <sip:a@example.com>;tag=1\r\n\
///      To: <sip:b@example.com>;tag=2\r\n\
///      Call-ID: c1\r\n\
///      CSeq: 1 MESSAGE\r\n\
///      Content-Length: 0\r\n\r\n",
/// )?;
/// let found = check::<StatusCode>(&relayed)?;
/// assert_eq!(found[0].to_string(), "`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check<C: StatusCodeSet>(response: &sip::Response) -> Result<Vec<RuleViolation>, ParseError> {
    let wire = response.to_bytes();
    let message = Message::parse(&wire)?;
    Ok(rules::check_message::<C>(&message).unwrap_or_default())
}

/// The conversion of a finished [`Response`] into rsipstack's [`sip::Response`]. Implemented for
/// [`Response`] only.
///
/// The rsipstack response has:
/// - the code, and the reason phrase byte for byte: a named `StatusCode` variant when the phrase is
///   rsipstack's standard text for it, `StatusCode::Other(code, phrase)` otherwise (rsipstack writes the
///   variant's text as the phrase; compare codes with `.code()`);
/// - every header in order, each as the `sip::Header` variant that rsipstack's parser makes for its name
///   (`Header::Via`, `Header::Allow`, …, `Header::Other` for the rest);
/// - `Header::ContentType` when there is a body type, and always `Header::ContentLength` (rsipstack writes
///   the headers it is given, and computes neither);
/// - the body, and version SIP/2.0.
///
/// ```
/// use sip_codes::integrations::rsipstack::IntoRsipstack;
/// use sip_codes::{header::MediaType, response::ReasonPhrase, status};
///
/// let ours = status::Ok::detached()
///     .reason_phrase(ReasonPhrase::new("Fine")?)
///     .body(MediaType::APPLICATION_SDP, "v=0\r\n")
///     .build();
/// let theirs = ours.to_rsipstack();
/// assert_eq!(theirs.status_code.code(), 200);
/// assert_eq!(
///     String::from_utf8(theirs.to_bytes())?,
///     "SIP/2.0 200 Fine\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n",
/// );
/// assert_eq!(theirs.to_bytes(), ours.to_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait IntoRsipstack: sealed::Sealed {
    /// rsipstack's response for this one.
    fn to_rsipstack(&self) -> sip::Response;

    /// rsipstack's response for this one, consuming it.
    fn into_rsipstack(self) -> sip::Response;
}

impl IntoRsipstack for Response {
    fn to_rsipstack(&self) -> sip::Response {
        let mut headers = Vec::with_capacity(self.headers().len() + 2);
        headers.extend(
            self.headers().iter().map(|h| {
                sip::headers::make_header(h.name().as_str(), h.value().as_str().to_owned())
            }),
        );
        if let Some(content_type) = self.content_type() {
            headers.push(Header::ContentType(sip::ContentType::new(
                content_type.as_str(),
            )));
        }
        headers.push(Header::ContentLength(sip::ContentLength::new(
            self.body().len().to_string(),
        )));
        sip::Response {
            status_code: status_code(self.code(), self.reason()),
            wire_reason: None,
            version: sip::Version::V2,
            headers: headers.into(),
            body: self.body().to_vec(),
        }
    }

    fn into_rsipstack(self) -> sip::Response {
        self.to_rsipstack()
    }
}

/// [`request_headers`] as a method of rsipstack's [`sip::Request`]: what a response copies from it.
/// Implemented for [`sip::Request`] only.
///
/// ```
/// use sip_codes::integrations::rsipstack::ToRequestHeaders;
/// use sip_codes::{header::Token, status, ByMethod};
///
/// let invite = rsipstack::sip::Request::try_from(
///     "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
///      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
///      Record-Route: <sip:p1.example.com;lr>\r\n\
///      From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
///      To: Bob <sip:bob@biloxi.example.com>\r\n\
///      Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
///      CSeq: 314159 INVITE\r\n\
///      Content-Length: 0\r\n\r\n",
/// )?;
/// let request = invite.to_request_headers()?;
/// let busy = status::BusyHere::reply_to(&request)
///     .to_tag(Token::new("a6c85cf")?)
///     .build()?;
/// assert_eq!(busy.header("To").unwrap(), "Bob <sip:bob@biloxi.example.com>;tag=a6c85cf");
/// // A 486 establishes no dialog: no Record-Route.
/// assert!(busy.header("Record-Route").is_none());
///
/// let ByMethod::Invite(invite) = request.by_method() else { unreachable!() };
/// let ok = status::Ok::reply_to(&invite).contact("sip:bob@192.0.2.4".parse::<sip_codes::header::Uri>()?).build();
/// assert_eq!(ok.header("Record-Route").unwrap(), "<sip:p1.example.com;lr>");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ToRequestHeaders: sealed::Sealed {
    /// Reads the headers with [`request_headers`]. Fails as it does.
    fn to_request_headers(&self) -> Result<RequestHeaders, Error>;
}

impl ToRequestHeaders for sip::Request {
    fn to_request_headers(&self) -> Result<RequestHeaders, Error> {
        request_headers(self)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::Response {}
    impl Sealed for ::rsipstack::sip::Request {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes() {
        assert_eq!(status_code(403, "Forbidden"), sip::StatusCode::Forbidden);
        assert_eq!(
            status_code(403, "Wrong Guess"),
            sip::StatusCode::Other(403, "Wrong Guess".into())
        );
        assert_eq!(status_code(403, ""), sip::StatusCode::Other(403, "".into()));
        assert_eq!(
            status_code(199, "Early Dialog Terminated"),
            sip::StatusCode::EarlyDialogTerminated
        );
        assert_eq!(
            status_code(555, "Other"),
            sip::StatusCode::Other(555, "Other".into())
        );
        assert_eq!(
            status_code(425, "Bad Alert Message"),
            sip::StatusCode::Other(425, "Bad Alert Message".into())
        );
    }
}
