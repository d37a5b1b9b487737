//! SIP response status codes, right at compile time.
//!
//! Every code of the IANA SIP response-code registry is generated from one YAML spec
//! (`spec/sip-codes.yaml`): the [`StatusCode`] enum with its metadata and parsing, and one typestate response
//! builder per code in [`status`], whose `build()` does not compile while a header the RFCs say the
//! response MUST carry is missing.
//!
//! ```
//! use sip_codes::{StatusCode, status, header::Method};
//!
//! let code: StatusCode = "486 Busy Here".parse()?;
//! assert_eq!(code, StatusCode::BusyHere);
//! assert_eq!(code.to_string(), "486 Busy Here");
//!
//! let response = status::MethodNotAllowed::builder()
//!     .allow([Method::Invite, Method::Ack])
//!     .build();
//! assert_eq!(
//!     response.to_string(),
//!     "SIP/2.0 405 Method Not Allowed\r\nAllow: INVITE, ACK\r\nContent-Length: 0\r\n\r\n"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A 405 without `Allow` is a compile error that names the code, the header and the RFC section:
//!
//! ```compile_fail
//! let response = sip_codes::status::MethodNotAllowed::builder().build();
//! ```
//!
//! Run [`sip_codes!`] on a spec of your own to get the same API for vendor codes and local rules.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use sip_codes_runtime::{
    Error, RegistryStatus, RequestHeaders, Response, StatusClass, catalog, code, header, response,
    rules,
};

include!(concat!(env!("OUT_DIR"), "/sip_codes_macro.rs"));

sip_codes!("spec/sip-codes.yaml");

pub mod integrations;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

#[doc(hidden)]
pub mod __private {
    pub use sip_codes_macros::sip_codes_impl;
    pub use sip_codes_runtime as runtime;
}
