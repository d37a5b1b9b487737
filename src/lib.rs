//! SIP response status codes, right at compile time.
//!
//! Every code of the IANA SIP response-code registry is generated from one YAML spec
//! (`spec/sip-codes.yaml`): the [`StatusCode`] enum with its metadata and parsing, and one status marker
//! per code in [`status`], whose `reply_to(&request)` starts a typestate response builder. Its `build()`
//! does not compile while a header the RFCs say the response MUST carry is missing, a header it MUST NOT
//! carry has no setter, and a code that never answers a typed request's method cannot start from it.
//!
//! ```
//! use sip_codes::{header::Method, status, RequestHeaders, StatusCode};
//!
//! let code: StatusCode = "486 Busy Here".parse()?;
//! assert_eq!(code, StatusCode::BusyHere);
//! assert_eq!(code.to_string(), "486 Busy Here");
//!
//! let request = RequestHeaders::from_message(
//!     "MESSAGE sip:bob@example.com SIP/2.0\r\n\
//!      Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n\
//!      From: <sip:alice@example.com>;tag=1928301774\r\n\
//!      To: <sip:bob@example.com>\r\n\
//!      Call-ID: a84b4c76e66710\r\n\
//!      CSeq: 314159 MESSAGE\r\n\r\n",
//! )?;
//! let response = status::MethodNotAllowed::reply_to(&request)
//!     .to_tag("8321234356".parse()?)
//!     .allow([Method::Invite, Method::Ack])
//!     .build()?; // the method is read at run time: `build()` checks it (an ACK is never answered)
//! assert_eq!(
//!     response.to_string(),
//!     "SIP/2.0 405 Method Not Allowed\r\n\
//!      Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n\
//!      From: <sip:alice@example.com>;tag=1928301774\r\n\
//!      To: <sip:bob@example.com>;tag=8321234356\r\n\
//!      Call-ID: a84b4c76e66710\r\n\
//!      CSeq: 314159 MESSAGE\r\n\
//!      Allow: INVITE, ACK\r\n\
//!      Content-Length: 0\r\n\r\n"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A 405 without `Allow` is a compile error that names the code, the header and the RFC section:
//!
//! ```compile_fail
//! # let request: sip_codes::RequestHeaders = unimplemented!();
//! let response = sip_codes::status::MethodNotAllowed::reply_to(&request).build();
//! ```
//!
//! ```text
//! error[E0277]: `405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)
//!  --> src/main.rs:9:10
//!   |
//! 9 |         .build();
//!   |          ^^^^^ missing `Allow`: call `.allow(...)` before `.build()`
//! ```
//!
//! Where the code is chosen at run time, [`StatusCode::reply_to`] starts the same builder, whose `build()`
//! checks the same rules when it runs and returns every one it breaks; [`rules::check`] is that check, for
//! tools. Run [`sip_codes!`] on a spec of your own for vendor codes and local rules.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use sip_codes_runtime::{
    AnyCode, ByMethod, Citation, Error, RegistryStatus, ReplyTo, Request, RequestHeaders, Response,
    RuleViolation, RuleViolations, Set, SipResponse, StatusClass, Unset, behaviour, code, header,
    message, method, proxy, response, rules,
};

// The derive and the catalog keep their own docs.
pub use sip_codes_macros::SipResponse;

pub use sip_codes_core::headers as catalog;

/// Generates the status-code API from a YAML spec: `sip_codes!("spec/codes.yaml")`, the path relative to
/// the calling crate's `Cargo.toml`. Cargo rebuilds the crate when the file changes.
///
/// It expands, in the calling module, to the enum (`StatusCode`), the status-line types (`StatusLine`,
/// `StatusLineRef`) and a module of status markers and the typestate builder (`status`). A spec can start
/// from this crate's own with `extends: sip-codes` and add codes and headers, override phrases and add
/// rules without copying the standard table. Options after the path: `name = MyCode`, `module = my_status`,
/// `vis = pub(crate)`, `derive(serde::Serialize)`, `codes = [100, 200, 404]` (a subset of the spec). Every
/// problem in the spec is a compile error that points here and names `file:line:col`. The spec format is
/// documented in the crate's `spec/README.md`.
///
/// ```
/// mod vendor {
///     sip_codes::sip_codes!("tests/specs/vendor.yaml", name = VendorCode, module = vendor_status);
/// }
/// assert_eq!(vendor::VendorCode::from_u16(499).unwrap().to_string(), "499 Codec Mismatch");
/// ```
#[macro_export]
macro_rules! sip_codes {
    ($($args:tt)*) => {
        $crate::__private::sip_codes_impl! {
            krate = $crate,
            // Relative to this file: `extends: sip-codes` reads the spec bundled with this crate.
            bundled = "../spec/sip-codes.yaml",
            $($args)*
        }
    };
}

sip_codes!(
    // The bundled spec: every code of the IANA registry.
    "spec/sip-codes.yaml"
);

pub mod integrations;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "serde")]
    pub use serde;
    pub use sip_codes_macros::sip_codes_impl;
    pub use sip_codes_runtime as runtime;

    /// `Serialize`/`Deserialize` for a generated status line, as its text, when the `serde` feature is on.
    #[cfg(feature = "serde")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __serde_line {
        ($line:ident) => {
            const _: () = {
                use $crate::__private::serde::{Deserialize, Deserializer, Serialize, Serializer};
                impl Serialize for $line {
                    fn serialize<S: Serializer>(
                        &self,
                        serializer: S,
                    ) -> ::core::result::Result<S::Ok, S::Error> {
                        self.clone().into_inner().serialize(serializer)
                    }
                }
                impl<'de> Deserialize<'de> for $line {
                    fn deserialize<D: Deserializer<'de>>(
                        deserializer: D,
                    ) -> ::core::result::Result<Self, D::Error> {
                        let line = Deserialize::deserialize(deserializer)?;
                        ::core::result::Result::Ok(Self::from_inner(line))
                    }
                }
            };
        };
    }

    /// Nothing: the `serde` feature is off.
    #[cfg(not(feature = "serde"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __serde_line {
        ($line:ident) => {};
    }

    pub use __serde_line as serde_line;
}
