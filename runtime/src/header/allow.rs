//! Allow (RFC 3261 §20.5): the methods the server supports.

use crate::header::Method;

list_header!(
    /// `Allow: INVITE, ACK, OPTIONS, CANCEL, BYE` — the methods supported by the user agent
    /// (RFC 3261 §20.5); MUST be in a 405 Method Not Allowed (§21.4.6). An empty list is valid.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{Allow, Method};
    ///
    /// let allow = Allow::from([Method::Invite, Method::Ack, Method::Options, Method::Cancel, Method::Bye]);
    /// assert_eq!(allow.to_string(), "INVITE, ACK, OPTIONS, CANCEL, BYE");
    /// ```
    Allow,
    Method
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_example() {
        let allow = Allow::from([
            Method::Invite,
            Method::Ack,
            Method::Options,
            Method::Cancel,
            Method::Bye,
        ]);
        assert_eq!(allow.to_string(), "INVITE, ACK, OPTIONS, CANCEL, BYE");
    }

    #[test]
    fn conversions() {
        let v = vec![Method::Invite, Method::new("PING").unwrap()];
        assert_eq!(Allow::from(v.clone()).to_string(), "INVITE, PING");
        assert_eq!(Allow::from(&v[..]).to_string(), "INVITE, PING");
        let collected: Allow = v.into_iter().collect();
        assert_eq!(collected.to_string(), "INVITE, PING");
        assert_eq!(Allow::from(Method::Bye).to_string(), "BYE");
        assert_eq!(Allow::new([]).to_string(), "");
        assert_eq!(
            Allow::new([Method::Info]).with(Method::Update).to_string(),
            "INFO, UPDATE"
        );
    }
}
