//! `delta-seconds` (RFC 3261 §25.1) and the headers whose value is just one: Expires (§20.19) and
//! Min-Expires (§20.23).

use crate::header::render::Render;

/// A number of seconds, `delta-seconds = 1*DIGIT` (RFC 3261 §25.1). Any `u32` is valid.
///
/// # Example
///
/// ```
/// use sip_codes::header::DeltaSeconds;
///
/// assert_eq!(DeltaSeconds::from(3600).to_string(), "3600");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DeltaSeconds(pub u32);

impl DeltaSeconds {
    /// The number of seconds.
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl From<u32> for DeltaSeconds {
    fn from(secs: u32) -> Self {
        DeltaSeconds(secs)
    }
}

impl From<DeltaSeconds> for u32 {
    fn from(d: DeltaSeconds) -> u32 {
        d.0
    }
}

impl Render for DeltaSeconds {
    fn render(&self, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
}

render_display!(DeltaSeconds);

/// `From<u32>` and `From<DeltaSeconds>` for a header value whose main part is a `delta-seconds`, made by
/// its `new(secs)`.
macro_rules! from_delta {
    ($name:ident) => {
        impl From<u32> for $name {
            fn from(secs: u32) -> Self {
                $name::new(secs)
            }
        }

        impl From<$crate::header::DeltaSeconds> for $name {
            fn from(d: $crate::header::DeltaSeconds) -> Self {
                $name::new(d.0)
            }
        }
    };
}
pub(crate) use from_delta;

/// Defines a header whose whole value is one `delta-seconds`.
macro_rules! delta_header {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub DeltaSeconds);

        impl $name {
            /// A value of `secs` seconds.
            pub const fn new(secs: u32) -> Self {
                $name(DeltaSeconds(secs))
            }

            /// The number of seconds.
            pub const fn seconds(self) -> u32 {
                self.0.0
            }
        }

        $crate::header::delta::from_delta!($name);

        impl Render for $name {
            fn render(&self, out: &mut String) {
                self.0.render(out);
            }
        }

        typed_value!($name);
    };
}
pub(crate) use delta_header;

delta_header!(
    /// `Expires: 5` — the relative time after which the message or content expires; in a 2xx to REGISTER
    /// or SUBSCRIBE, the granted duration (RFC 3261 §20.19, RFC 6665 §8.2.1).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{Expires, TypedValue};
    ///
    /// assert_eq!(Expires::from(5).to_string(), "5");
    /// ```
    Expires
);

delta_header!(
    /// `Min-Expires: 60` — the minimum refresh interval the server supports, sent in a 423 Interval Too
    /// Brief (RFC 3261 §20.23) and in 489/423 to SUBSCRIBE (RFC 6665).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::MinExpires;
    ///
    /// assert_eq!(MinExpires::from(60).to_string(), "60");
    /// ```
    MinExpires
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::TypedValue;

    #[test]
    fn renders() {
        assert_eq!(Expires::from(5).to_string(), "5");
        assert_eq!(MinExpires::from(60).to_string(), "60");
        assert_eq!(Expires::from(u32::MAX).to_string(), "4294967295");
        let mut out = String::new();
        Expires::new(0).write_value(&mut out);
        assert_eq!(out, "0");
    }
}
