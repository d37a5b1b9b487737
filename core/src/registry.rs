//! Where a code stands in the IANA registry.

use core::fmt;

/// The registry status of a code, as the spec records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistryStatus {
    /// Registered and in use.
    Current,
    /// Registered, but its defining RFC (or a later one) says not to send it (202 Accepted, RFC 6665).
    Deprecated,
    /// Registered as reserved for future use (402 Payment Required).
    Reserved,
    /// Never registered; defined by an obsolete RFC and still sent by old equipment (409, 411 of RFC 2543).
    Historic,
}

impl RegistryStatus {
    /// The spec's word for the status (`"deprecated"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            RegistryStatus::Current => "current",
            RegistryStatus::Deprecated => "deprecated",
            RegistryStatus::Reserved => "reserved",
            RegistryStatus::Historic => "historic",
        }
    }

    /// Whether sending the code warns (`deprecated` and `historic`).
    pub const fn warns(self) -> bool {
        matches!(self, RegistryStatus::Deprecated | RegistryStatus::Historic)
    }
}

impl fmt::Display for RegistryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
