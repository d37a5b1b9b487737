//! Integrations with other crates, each behind a cargo feature that is off by default.
//!
//! | feature | module | what |
//! |---|---|---|
//! | `serde` | `serde` | `Serialize`/`Deserialize`: [`StatusCode`](crate::StatusCode) as its number (`405`), [`StatusLine`](crate::StatusLine) as its text (`"SIP/2.0 403 Wrong Guess"`) |
//! | `rsipstack` | `rsipstack` | a server on [rsipstack](https://docs.rs/rsipstack) answers with this crate's builders: transaction headers from its `rsipstack::sip::Request`, [`Response`](crate::Response) into its `rsipstack::sip::Response` |
//! | `ezk-sip-types` | `ezk` | the same for ezk ([`ezk-sip-types`](https://docs.rs/ezk-sip-types), the message types of `ezk-sip-core` and `ezk-sip-ua`): transaction headers from its `Headers`, [`Response`](crate::Response) into its status line, headers and body |
//!
//! ```toml
//! [dependencies]
//! sip-codes = { version = "0.1", features = ["serde", "rsipstack"] }
//! ```
//!
//! Each adapter has the same three pieces:
//!
//! - a function, `request_headers`, that reads a [`RequestHeaders`](crate::RequestHeaders) from the
//!   stack's request (every Via in order, every Record-Route in order, From, To, Call-ID, CSeq and
//!   Timestamp, read through the stack's own header accessors), and the same as a method of an extension
//!   trait on the stack's request type, `ToRequestHeaders::to_request_headers`;
//! - nothing more for the builders: the response starts from those headers as from any others, with
//!   `status::X::reply_to(&headers)`, or with the typed request of
//!   [`RequestHeaders::typed`](crate::RequestHeaders::typed) or
//!   [`RequestHeaders::by_method`](crate::RequestHeaders::by_method) so that the compiler checks the rules
//!   of the request's method;
//! - an extension trait on [`Response`](crate::Response) that converts the finished response
//!   (`.into_rsipstack()`, `.into_ezk()`).
//!
//! The headers are read once and the builder starts from them, rather than through an extension on the
//! builders or the status markers: a status marker's `reply_to` has a signature of its own for each code
//! (its required headers, the methods it answers), and only a [`RequestHeaders`](crate::RequestHeaders)
//! value can be typed by its method, so one reading serves every response to the request:
//!
//! ```ignore
//! let request = stack_request.to_request_headers()?;
//! let response = match request.by_method() {
//!     ByMethod::Subscribe(subscribe) => status::Ok::reply_to(&subscribe).expires(3600u32).build(),
//!     // The method is known at run time only: `build()` checks it (an ACK is never answered).
//!     _ => status::MethodNotAllowed::reply_to(&request).allow([Method::Subscribe]).build()?,
//! };
//! ```

#[cfg(feature = "serde")]
pub mod serde;

#[cfg(feature = "rsipstack")]
pub mod rsipstack;

#[cfg(feature = "ezk-sip-types")]
pub mod ezk;

/// Splits a Via or Record-Route header value at each comma outside a quoted string and outside `<…>`,
/// trimming each part and skipping empty ones: a header line may hold several values (RFC 3261 §7.3.1),
/// and a name-addr's URI may hold a comma.
#[cfg(any(feature = "rsipstack", feature = "ezk-sip-types"))]
fn list_values(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    core::iter::from_fn(move || {
        loop {
            let current = rest?;
            let bytes = current.as_bytes();
            let (mut in_quotes, mut in_angle, mut i) = (false, false, 0);
            let mut end = bytes.len();
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' if in_quotes => i += 1,
                    b'"' if !in_angle => in_quotes = !in_quotes,
                    b'<' if !in_quotes => in_angle = true,
                    b'>' if !in_quotes => in_angle = false,
                    b',' if !in_quotes && !in_angle => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            rest = current.get(end + 1..);
            let part = current[..end].trim_matches([' ', '\t', '\r', '\n']);
            if !part.is_empty() {
                return Some(part);
            }
        }
    })
}

/// Collects the transaction headers of a request from its header lines, given as (name, value) pairs in
/// order, with the rules of [`RequestHeaders::from_message`](crate::RequestHeaders::from_message): Via
/// and Record-Route lines are split into values (each kept in order), and From, To, Call-ID, CSeq and
/// Timestamp must not repeat. `kind` tells
/// which of those a name is (the stack's own name matching).
#[cfg(any(feature = "rsipstack", feature = "ezk-sip-types"))]
fn collect<'a>(
    lines: impl IntoIterator<Item = (Txn, &'a str)>,
) -> Result<crate::RequestHeaders, crate::Error> {
    use crate::Error;
    const WHAT: &str = "SIP request";
    let mut vias = Vec::new();
    let mut routes = Vec::new();
    let mut found: [Option<&str>; 5] = [None; 5];
    for (kind, value) in lines {
        let slot = match kind {
            Txn::Via => {
                vias.extend(list_values(value));
                continue;
            }
            Txn::RecordRoute => {
                routes.extend(list_values(value));
                continue;
            }
            Txn::From => 0,
            Txn::To => 1,
            Txn::CallId => 2,
            Txn::CSeq => 3,
            Txn::Timestamp => 4,
        };
        if found[slot].replace(value).is_some() {
            return Err(Error::syntax(kind.header(), "appears more than once"));
        }
    }
    if vias.is_empty() {
        return Err(Error::syntax(WHAT, "no Via header"));
    }
    let [from, to, call_id, cseq, timestamp] = found;
    let from = from.ok_or(Error::syntax(WHAT, "no From header"))?;
    let to = to.ok_or(Error::syntax(WHAT, "no To header"))?;
    let call_id = call_id.ok_or(Error::syntax(WHAT, "no Call-ID header"))?;
    let cseq = cseq.ok_or(Error::syntax(WHAT, "no CSeq header"))?;
    let mut headers = crate::RequestHeaders::new(from, to, call_id, cseq)?;
    for via in vias {
        headers = headers.via(via)?;
    }
    for route in routes {
        headers = headers.record_route(route)?;
    }
    if let Some(timestamp) = timestamp {
        headers = headers.timestamp(timestamp)?;
    }
    Ok(headers)
}

/// The headers a response copies from its request.
#[cfg(any(feature = "rsipstack", feature = "ezk-sip-types"))]
#[derive(Clone, Copy)]
enum Txn {
    Via,
    RecordRoute,
    From,
    To,
    CallId,
    CSeq,
    Timestamp,
}

#[cfg(any(feature = "rsipstack", feature = "ezk-sip-types"))]
impl Txn {
    fn header(self) -> &'static str {
        match self {
            Txn::Via => "Via header",
            Txn::RecordRoute => "Record-Route header",
            Txn::From => "From header",
            Txn::To => "To header",
            Txn::CallId => "Call-ID header",
            Txn::CSeq => "CSeq header",
            Txn::Timestamp => "Timestamp header",
        }
    }
}

#[cfg(all(test, any(feature = "rsipstack", feature = "ezk-sip-types")))]
mod tests {
    use super::*;

    #[test]
    fn splits_list_lines() {
        let parts: Vec<_> =
            list_values(r#" SIP/2.0/UDP a;x="1,2" ,, SIP/2.0/TCP b;y="\",", "#).collect();
        assert_eq!(
            parts,
            [r#"SIP/2.0/UDP a;x="1,2""#, r#"SIP/2.0/TCP b;y="\",""#]
        );
        assert_eq!(list_values("").count(), 0);
        assert_eq!(list_values(" , ").count(), 0);
        // A comma inside `<…>` (a URI's user part) does not split a Record-Route value.
        let routes: Vec<_> =
            list_values("<sip:a,b@p1.example.com;lr>, \"P 2, Inc\" <sip:p2.example.com;lr>")
                .collect();
        assert_eq!(
            routes,
            [
                "<sip:a,b@p1.example.com;lr>",
                "\"P 2, Inc\" <sip:p2.example.com;lr>"
            ]
        );
    }

    #[test]
    fn collects_in_order() {
        let headers = collect([
            (Txn::Via, "SIP/2.0/UDP a, SIP/2.0/UDP b"),
            (Txn::From, "<sip:a@b>;tag=1"),
            (Txn::RecordRoute, "<sip:p1;lr>, <sip:p2;lr>"),
            (Txn::Via, "SIP/2.0/UDP c"),
            (Txn::RecordRoute, "<sip:p3;lr>"),
            (Txn::To, "<sip:c@d>"),
            (Txn::CallId, "x@y"),
            (Txn::CSeq, "1 INVITE"),
            (Txn::Timestamp, "54"),
        ])
        .unwrap();
        let vias: Vec<_> = headers.vias().iter().map(|v| v.as_str()).collect();
        assert_eq!(vias, ["SIP/2.0/UDP a", "SIP/2.0/UDP b", "SIP/2.0/UDP c"]);
        let routes: Vec<_> = headers.record_routes().iter().map(|v| v.as_str()).collect();
        assert_eq!(routes, ["<sip:p1;lr>", "<sip:p2;lr>", "<sip:p3;lr>"]);
        assert_eq!(headers.timestamp_value().unwrap(), "54");

        let err = collect([(Txn::From, "a"), (Txn::From, "b")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid From header: appears more than once"
        );
        let err = collect([(Txn::From, "a")]).unwrap_err();
        assert_eq!(err.to_string(), "invalid SIP request: no Via header");
        let err = collect([
            (Txn::Via, "v"),
            (Txn::From, "a"),
            (Txn::To, "b"),
            (Txn::CallId, "c"),
        ])
        .unwrap_err();
        assert_eq!(err.to_string(), "invalid SIP request: no CSeq header");
        let err = collect([
            (Txn::Via, "v"),
            (Txn::From, "a\0"),
            (Txn::To, "b"),
            (Txn::CallId, "c"),
            (Txn::CSeq, "1 INVITE"),
        ])
        .unwrap_err();
        assert!(err.to_string().starts_with("invalid From header"), "{err}");
    }
}
