//! Headers whose value is a list of `<URI>;params`: Call-Info (RFC 3261 §20.9) and Error-Info (§20.18).

use crate::header::{InfoUri, Uri};

list_header!(
    /// `Call-Info: <http://www.example.com/alice/photo.jpg>;purpose=icon` — more information about the
    /// caller or callee (RFC 3261 §20.9). The grammar wants at least one entry.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{CallInfo, InfoUri, Uri};
    ///
    /// let c = CallInfo::from(InfoUri::new(Uri::new("http://www.example.com/alice/")?).with_purpose("info")?);
    /// assert_eq!(c.to_string(), "<http://www.example.com/alice/>;purpose=info");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    CallInfo,
    InfoUri
);

list_header!(
    /// `Error-Info: <sip:not-in-service-recording@atlanta.com>` — a pointer to more information about the
    /// error (RFC 3261 §20.18). The grammar wants at least one entry.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{ErrorInfo, Uri};
    ///
    /// let e = ErrorInfo::from(Uri::new("sip:not-in-service-recording@atlanta.com")?);
    /// assert_eq!(e.to_string(), "<sip:not-in-service-recording@atlanta.com>");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    ErrorInfo,
    InfoUri
);

impl From<Uri> for CallInfo {
    fn from(uri: Uri) -> Self {
        CallInfo::from(InfoUri::new(uri))
    }
}

impl From<Uri> for ErrorInfo {
    fn from(uri: Uri) -> Self {
        ErrorInfo::from(InfoUri::new(uri))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 3261 §20.9, with the optional whitespace dropped.
        let c = CallInfo::from([
            InfoUri::new(Uri::new("http://wwww.example.com/alice/photo.jpg").unwrap())
                .with_purpose("icon")
                .unwrap(),
            InfoUri::new(Uri::new("http://www.example.com/alice/").unwrap())
                .with_purpose("info")
                .unwrap(),
        ]);
        assert_eq!(
            c.to_string(),
            "<http://wwww.example.com/alice/photo.jpg>;purpose=icon, <http://www.example.com/alice/>;purpose=info"
        );
        // RFC 3261 §20.18.
        let e = ErrorInfo::from(Uri::new("sip:not-in-service-recording@atlanta.com").unwrap());
        assert_eq!(e.to_string(), "<sip:not-in-service-recording@atlanta.com>");
    }
}
