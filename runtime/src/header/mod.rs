//! Header names and values. Every string that reaches the wire is validated where the value is made, as
//! `http::HeaderValue` does: CR, LF and NUL are rejected, so no API of this crate can inject a header or
//! split a response. Typed values render to RFC 3261 §25 syntax.

// `macros` comes first: the other modules use its macros.
#[macro_use]
pub(crate) mod macros;
mod params;
pub(crate) mod render;

mod media_type;
mod name;
mod token;
mod value;

pub use media_type::{MediaType, MediaTypeParams};
pub use name::HeaderName;
pub(crate) use name::{long_form, same_header};
pub use token::Token;
pub use value::HeaderValue;

/// A typed header value: how it renders on the wire (RFC 3261 §25 syntax). Which header a type is the
/// value of is a fact of the header catalog (`sip_codes_core::headers`), where the type is named after
/// the header; generated builders' setters pass both to [`crate::Draft::set`].
pub trait TypedValue {
    /// Appends the value in RFC 3261 §25 syntax (no name, no CRLF). The value was validated when it was
    /// made, so this cannot fail and never writes CR, LF or NUL.
    fn write_value(&self, out: &mut String);

    /// The value as a validated [`HeaderValue`].
    fn to_header_value(&self) -> HeaderValue {
        // Room for most values (a method list, a Digest challenge), so that rendering allocates once.
        let mut out = String::with_capacity(128);
        self.write_value(&mut out);
        HeaderValue::from_valid(out)
    }
}

// The value types of headers a spec declares (`value: text`, `token`, `uri`, `name-addr`,
// `delta-seconds`; `token-list` is `TokenList`) render as themselves.
typed_value!(@write Token, Uri, NameAddr, DeltaSeconds);

impl TypedValue for HeaderValue {
    fn write_value(&self, out: &mut String) {
        out.push_str(self.as_str());
    }

    fn to_header_value(&self) -> HeaderValue {
        self.clone()
    }
}

// Typed header values (one file per header or family).
mod accept;
mod address;
mod allow;
mod auth;
mod call_info;
mod contact;
mod delta;
mod error_code;
mod etag;
mod event;
mod feature_caps;
mod method;
mod option_tag;
mod priority;
mod qvalue;
mod reason;
mod recv_info;
mod retry_after;
mod route;
mod rseq;
mod security;
mod server;
mod session;
mod token_list;
mod warning;

pub use accept::{Accept, AcceptEncoding, AcceptLanguage, ContentCoding, LanguageRange};
pub use address::{InfoUri, NameAddr, Uri};
pub use allow::Allow;
pub use auth::{
    Challenge, DigestAlgorithm, DigestChallenge, OtherChallenge, ProxyAuthenticate, Qop,
    WwwAuthenticate,
};
pub use call_info::{CallInfo, ErrorInfo};
pub use contact::Contact;
pub use delta::{DeltaSeconds, Expires, MinExpires};
pub use error_code::{AlertMsgError, GeolocationError};
pub use etag::SipETag;
pub use event::{AllowEvents, EventType};
pub use feature_caps::FeatureCaps;
pub use method::{ExtensionMethod, Method};
pub use option_tag::{OptionTag, Require, Supported, Unsupported};
pub use priority::{AcceptResourcePriority, ResourceValue};
pub use qvalue::QValue;
pub use reason::{Reason, ReasonProtocol};
pub use recv_info::{InfoPackage, RecvInfo};
pub use retry_after::RetryAfter;
pub use route::{Path, PermissionMissing, ServiceRoute};
pub use rseq::RSeq;
pub use security::{SecurityMechanism, SecurityServer};
pub use server::Server;
pub use session::{MinSe, Refresher, SessionExpires};
pub use token_list::TokenList;
pub use warning::Warning;
