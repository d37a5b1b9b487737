//! The two states of a required header in a generated typestate builder.
//!
//! Each unconditional MUST rule of a code is one type parameter of its builder, `Unset` until the header's
//! setter is called and `Set` after; `build()` requires `Set` for every parameter.

/// The required header has been set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Set;

/// The required header has not been set yet; `build()` is not available.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unset;
