//! The states of a typestate builder's required headers, and the marker of a code chosen at run time.

/// A required header (or one-of group) that has been set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Set;

/// A required header (or one-of group) that has not been set yet: `build()` is not available.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unset;

/// The code of a builder made from a status-code value (`StatusCode::reply_to`), known only at run
/// time: every rule is checked when `build()` runs, which returns the violations it finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnyCode;
