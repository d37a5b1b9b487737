//! The SIP request methods of the IANA registry, each fact once. The runtime makes its `Method` enum and
//! its method markers from the same table ([`crate::__for_each_method`]).

/// One request method of the IANA "Methods and Response Codes" registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodInfo {
    /// The name as written on the wire (`"INVITE"`); method names are case-sensitive (RFC 3261 §7.1).
    pub name: &'static str,
    /// The RFC that defines it.
    pub rfc: u16,
    /// Whether a non-failure response to it can establish a dialog (RFC 3261 §12.1 for INVITE, RFC 6665
    /// §4.1.2 for SUBSCRIBE and NOTIFY, RFC 3515 §2.4.4 for REFER's implicit subscription): such a 2xx, or
    /// a 101–199 with a To tag, copies the request's Record-Route (RFC 3261 §12.1.1).
    pub creates_dialog: bool,
}

/// Calls `$callback!` with one row per method: `Marker "NAME" rfc dialog;` where `dialog` is `true` for
/// methods whose responses can establish a dialog. The one table of methods.
#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_method {
    ($callback:path) => {
        $callback! {
            Invite "INVITE" 3261 true;
            Ack "ACK" 3261 false;
            Bye "BYE" 3261 false;
            Cancel "CANCEL" 3261 false;
            Options "OPTIONS" 3261 false;
            Register "REGISTER" 3261 false;
            Prack "PRACK" 3262 false;
            Subscribe "SUBSCRIBE" 6665 true;
            Notify "NOTIFY" 6665 true;
            Publish "PUBLISH" 3903 false;
            Info "INFO" 6086 false;
            Refer "REFER" 3515 true;
            Message "MESSAGE" 3428 false;
            Update "UPDATE" 3311 false;
        }
    };
}

macro_rules! methods_table {
    ($($marker:ident $name:literal $rfc:literal $dialog:literal;)*) => {
        /// Every method of the registry, in the order of RFC 3261's list and then by RFC.
        pub const METHODS: &[MethodInfo] = &[
            $(MethodInfo { name: $name, rfc: $rfc, creates_dialog: $dialog },)*
        ];
    };
}
crate::__for_each_method!(methods_table);

/// Looks a method up by name, case-sensitively.
pub fn find(name: &str) -> Option<&'static MethodInfo> {
    METHODS.iter().find(|m| m.name == name)
}

/// The name of a method's marker type: `INVITE` → `Invite`.
pub fn marker_name(method: &str) -> String {
    crate::headers::type_name(method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokens_and_unique() {
        for (i, m) in METHODS.iter().enumerate() {
            assert!(crate::text::is_token(m.name));
            assert!(!METHODS[i + 1..].iter().any(|o| o.name == m.name));
        }
        assert_eq!(find("INVITE").map(|m| m.creates_dialog), Some(true));
        assert_eq!(find("invite"), None);
        assert_eq!(marker_name("SUBSCRIBE"), "Subscribe");
    }
}
