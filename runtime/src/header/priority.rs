//! Accept-Resource-Priority (RFC 4412 §3.2): the resource values a server supports.

use crate::Error;
use crate::syntax::check_token;

/// Checks `r-value = namespace "." r-priority`, both `token-nodot` (RFC 4412 §3.1).
fn check_r_value(s: &str) -> Result<(), Error> {
    const WHAT: &str = "resource value";
    check_token(s, WHAT)?;
    match s.split_once('.') {
        Some((ns, prio)) if !ns.is_empty() && !prio.is_empty() && !prio.contains('.') => Ok(()),
        _ => Err(Error::syntax(WHAT, "expected namespace.priority")),
    }
}

validated_str!(
    /// A resource value, `namespace.priority` (RFC 4412 §3.1 `r-value`): `dsn.flash`, `wps.2`.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::ResourceValue;
    ///
    /// assert_eq!(ResourceValue::new("dsn.flash")?.as_str(), "dsn.flash");
    /// assert!(ResourceValue::new("flash").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    ResourceValue: new(borrowed),
    check = check_r_value,
);

list_header!(
    /// `Accept-Resource-Priority: dsn.flash-override, dsn.flash` — the resource values the server accepts,
    /// sent in 417 Unknown Resource-Priority (RFC 4412 §3.2, §4.6.2). An empty list is valid.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{AcceptResourcePriority, ResourceValue};
    ///
    /// let a: AcceptResourcePriority =
    ///     ["dsn.flash-override", "dsn.flash"].iter().map(|v| ResourceValue::new(v)).collect::<Result<_, _>>()?;
    /// assert_eq!(a.to_string(), "dsn.flash-override, dsn.flash");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    AcceptResourcePriority,
    ResourceValue
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 4412 §3.2.
        let a = AcceptResourcePriority::from([
            ResourceValue::new("dsn.flash-override").unwrap(),
            ResourceValue::new("dsn.flash").unwrap(),
            ResourceValue::new("dsn.immediate").unwrap(),
            ResourceValue::new("dsn.priority").unwrap(),
            ResourceValue::new("dsn.routine").unwrap(),
        ]);
        assert_eq!(
            a.to_string(),
            "dsn.flash-override, dsn.flash, dsn.immediate, dsn.priority, dsn.routine"
        );
        assert_eq!(AcceptResourcePriority::new([]).to_string(), "");
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "",
            "dsn",
            ".flash",
            "dsn.",
            "a.b.c",
            "dsn.fl ash",
            "dsn.a\r",
            "dsn.a\n",
            "dsn.\0",
        ] {
            assert!(ResourceValue::new(bad).is_err(), "{bad:?}");
        }
    }
}
