//! A syntactically valid value for each header a rule can name, written as RFC examples write them (not by
//! this crate's renderers), so that an independent parser can judge what the builders send.

use sip_codes::header::{HeaderName, HeaderValue};
use sip_codes_core::headers::{self as catalog, ValueKind};

/// A valid value of `header`: by its kind for the generic kinds, by its name for the typed ones. Panics for
/// a typed header without a sample here: add one when a spec rule names a new header.
pub fn sample(header: &str) -> &'static str {
    let info = catalog::find(header).unwrap_or_else(|| panic!("`{header}` is not in the catalog"));
    match info.value {
        ValueKind::Text => "Sample subject",
        ValueKind::Token => "sample",
        ValueKind::TokenList => "gzip, deflate",
        ValueKind::NameAddr => "<sip:sample@example.com>",
        ValueKind::Uri => "sip:sample@example.com",
        ValueKind::DeltaSeconds => "60",
        ValueKind::Managed | ValueKind::NameOnly => {
            panic!("`{header}` has no value a builder sets")
        }
        ValueKind::Typed => typed(info.name),
    }
}

fn typed(name: &str) -> &'static str {
    match name {
        "Accept" => "application/sdp",
        "Accept-Encoding" => "gzip",
        "Accept-Language" => "en",
        "Accept-Resource-Priority" => "dsn.flash",
        "AlertMsg-Error" => "100;text=\"Not enough room\"",
        "Allow" => "INVITE, ACK, CANCEL, OPTIONS, BYE",
        "Allow-Events" => "presence",
        "Call-Info" => "<https://example.com/jcard.json>;purpose=jwscard",
        "Contact" => "<sip:bob@192.0.2.4>",
        "Error-Info" => "<sip:not-in-service-recording@atlanta.example.com>",
        "Expires" => "3600",
        "Feature-Caps" => "*;+sip.pns=\"apns\"",
        "Geolocation-Error" => "100;code=\"Cannot Process Location\"",
        "Min-Expires" => "1800",
        "Min-SE" => "90",
        "Path" => "<sip:p1.example.com;lr>",
        "Permission-Missing" => "<sip:c@example.com>",
        "Proxy-Authenticate" | "WWW-Authenticate" => {
            "Digest realm=\"atlanta.example.com\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", qop=\"auth\""
        }
        "Reason" => "SIP;cause=480;text=\"Temporarily Unavailable\"",
        "Recv-Info" => "foo",
        "Require" => "100rel",
        "Retry-After" => "120",
        "RSeq" => "988789",
        "Security-Server" => "tls;q=0.2",
        "Server" => "sip-codes/0.1 (test)",
        "Service-Route" => "<sip:orig@scscf.example.com;lr>",
        "Session-Expires" => "1800;refresher=uac",
        "SIP-ETag" => "dx200xyz",
        "Supported" => "100rel, timer",
        "Unsupported" => "foo",
        "Warning" => "399 example.com \"sample\"",
        other => panic!("no sample value of `{other}` in tests/common/samples.rs: add one"),
    }
}

/// `header` and its sample, as `Builder::header` takes them.
pub fn named(header: &str) -> (HeaderName, HeaderValue) {
    (
        HeaderName::new(header).expect("a valid header name"),
        HeaderValue::new(sample(header)).expect("a valid value"),
    )
}
