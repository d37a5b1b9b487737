//! Headers whose value is a list of addresses: Path (RFC 3327), Service-Route (RFC 3608) and
//! Permission-Missing (RFC 5360).

use crate::header::{NameAddr, Uri};

/// Adds `From<Uri>` to a list header of [`NameAddr`].
macro_rules! from_uri {
    ($($name:ident),+) => {$(
        impl From<Uri> for $name {
            fn from(uri: Uri) -> Self {
                $name::from(NameAddr::new(uri))
            }
        }
    )+};
}

list_header!(
    /// `Path: <sip:P1.EXAMPLEVISITED.COM;lr>` — the proxies to traverse to reach the registered UA
    /// (RFC 3327 §4). The grammar wants at least one address.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{Path, Uri};
    ///
    /// let p = Path::from(Uri::new("sip:P1.EXAMPLEVISITED.COM;lr")?);
    /// assert_eq!(p.to_string(), "<sip:P1.EXAMPLEVISITED.COM;lr>");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    Path,
    NameAddr
);

list_header!(
    /// `Service-Route: <sip:P2.HOME.EXAMPLE.COM;lr>` — the route the registrar asks the UA to use, sent in
    /// a 2xx to REGISTER (RFC 3608 §5). The grammar wants at least one address.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{ServiceRoute, Uri};
    ///
    /// let r = ServiceRoute::from([
    ///     Uri::new("sip:P2.HOME.EXAMPLE.COM;lr")?.into(),
    ///     Uri::new("sip:HSP.HOME.EXAMPLE.COM;lr")?.into(),
    /// ]);
    /// assert_eq!(r.to_string(), "<sip:P2.HOME.EXAMPLE.COM;lr>, <sip:HSP.HOME.EXAMPLE.COM;lr>");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    ServiceRoute,
    NameAddr
);

list_header!(
    /// `Permission-Missing: <sip:C@example.com>` — the targets whose permission is missing, sent in a 470
    /// Consent Needed (RFC 5360 §5.9.1). The grammar wants at least one address.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{PermissionMissing, Uri};
    ///
    /// let p = PermissionMissing::from(Uri::new("sip:C@example.com")?);
    /// assert_eq!(p.to_string(), "<sip:C@example.com>");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    PermissionMissing,
    NameAddr
);

from_uri!(Path, ServiceRoute, PermissionMissing);

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        Uri::new(s).unwrap()
    }

    #[test]
    fn renders_rfc_examples() {
        // RFC 3327 §5.
        assert_eq!(
            Path::from(uri("sip:P1.EXAMPLEVISITED.COM;lr")).to_string(),
            "<sip:P1.EXAMPLEVISITED.COM;lr>"
        );
        // RFC 3608 §6.1.
        let r: ServiceRoute = [
            uri("sip:P2.HOME.EXAMPLE.COM;lr"),
            uri("sip:HSP.HOME.EXAMPLE.COM;lr"),
        ]
        .into_iter()
        .map(NameAddr::from)
        .collect();
        assert_eq!(
            r.to_string(),
            "<sip:P2.HOME.EXAMPLE.COM;lr>, <sip:HSP.HOME.EXAMPLE.COM;lr>"
        );
        // RFC 5360 §5.9.1.
        assert_eq!(
            PermissionMissing::from(uri("sip:C@example.com")).to_string(),
            "<sip:C@example.com>"
        );
    }
}
