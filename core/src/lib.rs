//! Implementation detail of [`sip-codes`](https://docs.rs/sip-codes): what both its proc-macro (at
//! expansion time) and its runtime need, in one small crate with no dependencies, so that neither waits for
//! the other on a cold build.
//!
//! - [`StatusClass`] and [`RegistryStatus`]: the response classes of RFC 3261 §7.2, the IANA registry status.
//! - [`behaviour`]: what a code means for a dialog, a client and a proxy, as the RFCs state it.
//! - [`headers`]: the header catalog, each header's facts once (name, compact form, repetition, value kind).
//! - [`methods`]: the SIP request methods of the IANA registry.
//! - [`text`]: the character classes of the RFC 3261 §25 grammar that every wire string is checked against.
//! - [`sentence`]: the sentences rules are stated in, the same in compile errors, docs and run-time errors.
//!
//! Use these through `sip-codes`, which re-exports what users need.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod behaviour;
pub mod class;
pub mod headers;
pub mod methods;
pub mod registry;
pub mod sentence;
pub mod text;

pub use class::StatusClass;
pub use registry::RegistryStatus;
