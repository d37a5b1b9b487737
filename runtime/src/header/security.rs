//! Security agreement (RFC 3329): security mechanisms and the Security-Server header.

use std::borrow::Cow;

use crate::Error;
use crate::header::QValue;
use crate::header::params::Params;
use crate::syntax::check_token;

params_header!(
    /// A security mechanism with its parameters: `ipsec-ike;q=0.1` (RFC 3329 §2.2 `sec-mechanism =
    /// mechanism-name *(SEMI mech-parameters)`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{QValue, SecurityMechanism};
    ///
    /// let m = SecurityMechanism::TLS.with_q(QValue::from_thousandths(200)?);
    /// assert_eq!(m.to_string(), "tls;q=0.2");
    /// let d = SecurityMechanism::DIGEST.with_param("d-alg", "md5")?;
    /// assert_eq!(d.to_string(), "digest;d-alg=md5");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    SecurityMechanism { name: Cow<'static, str> },
    reserved = ["q"],
    item,
);

impl SecurityMechanism {
    /// `digest` (RFC 3329 §2.2).
    pub const DIGEST: SecurityMechanism = SecurityMechanism::known("digest");
    /// `tls` (RFC 3329 §2.2).
    pub const TLS: SecurityMechanism = SecurityMechanism::known("tls");
    /// `ipsec-ike` (RFC 3329 §2.2).
    pub const IPSEC_IKE: SecurityMechanism = SecurityMechanism::known("ipsec-ike");
    /// `ipsec-man` (RFC 3329 §2.2).
    pub const IPSEC_MAN: SecurityMechanism = SecurityMechanism::known("ipsec-man");
    /// `ipsec-3gpp` (3GPP TS 33.203, registered by RFC 3329's IANA registry).
    pub const IPSEC_3GPP: SecurityMechanism = SecurityMechanism::known("ipsec-3gpp");

    const fn known(name: &'static str) -> Self {
        SecurityMechanism {
            name: Cow::Borrowed(name),
            params: Params::new(),
        }
    }

    /// A mechanism named `name` (a `token`) without parameters.
    pub fn new(name: &str) -> Result<Self, Error> {
        check_token(name, "mechanism name")?;
        Ok(SecurityMechanism {
            name: Cow::Owned(name.to_owned()),
            params: Params::new(),
        })
    }

    /// Sets `;q=` (RFC 3329 §2.2 `preference`).
    #[must_use]
    pub fn with_q(mut self, q: QValue) -> Self {
        self.params.set_token("q", &q.to_string());
        self
    }

    /// The mechanism name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn render_value(&self, out: &mut String) {
        out.push_str(&self.name);
    }
}

list_header!(
    /// `Security-Server: ipsec-ike;q=0.1, tls;q=0.2` — the mechanisms the server supports, MUST be in a
    /// 494 Security Agreement Required (RFC 3329 §2.3). The grammar wants at least one mechanism.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{QValue, SecurityMechanism, SecurityServer};
    ///
    /// let s = SecurityServer::from([
    ///     SecurityMechanism::IPSEC_IKE.with_q(QValue::from_thousandths(100)?),
    ///     SecurityMechanism::TLS.with_q(QValue::from_thousandths(200)?),
    /// ]);
    /// assert_eq!(s.to_string(), "ipsec-ike;q=0.1, tls;q=0.2");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    SecurityServer,
    SecurityMechanism
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 3329 §4.1.
        let s = SecurityServer::from([
            SecurityMechanism::IPSEC_IKE.with_q(QValue::from_thousandths(100).unwrap()),
            SecurityMechanism::TLS.with_q(QValue::from_thousandths(200).unwrap()),
        ]);
        assert_eq!(s.to_string(), "ipsec-ike;q=0.1, tls;q=0.2");
        let d = SecurityMechanism::DIGEST
            .with_param("d-alg", "md5")
            .unwrap()
            .with_param("d-qop", "auth-int")
            .unwrap();
        assert_eq!(d.to_string(), "digest;d-alg=md5;d-qop=auth-int");
        assert_eq!(SecurityMechanism::IPSEC_3GPP.name(), "ipsec-3gpp");
        assert_eq!(SecurityMechanism::IPSEC_MAN.to_string(), "ipsec-man");
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0", "a;q=1"] {
            assert!(SecurityMechanism::new(bad).is_err(), "{bad:?}");
            assert!(
                SecurityMechanism::TLS.with_param(bad, "v").is_err(),
                "{bad:?}"
            );
        }
        assert!(SecurityMechanism::TLS.with_param("n", "a\r\nb").is_err());
        assert!(SecurityMechanism::TLS.with_param("q", "0.1").is_err());
    }
}
