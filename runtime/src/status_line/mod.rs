//! [`StatusLine`] and [`StatusLineRef`]: the first line of a SIP response (RFC 3261 §7.2, §25).

mod borrowed;
mod inline;
mod owned;
mod scan;
#[cfg(test)]
mod tests;

pub use borrowed::StatusLineRef;
pub use owned::StatusLine;

const WHAT: &str = "status line";
/// `SIP/2.0 ` and the three digits and the space: where the reason phrase starts.
const PHRASE_START: usize = 12;
