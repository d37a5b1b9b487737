//! Rust names derived from the spec: variant names from reason phrases, setter names from headers.

/// UpperCamelCase of a reason phrase: words split at anything not alphanumeric; an all-caps word keeps
/// only its first capital (`OK` → `Ok`, `Request-URI Too Long` → `RequestUriTooLong`).
pub fn variant_of_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for word in phrase
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let all_caps = word.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            for c in chars {
                out.push(if all_caps { c.to_ascii_lowercase() } else { c });
            }
        }
    }
    out
}

/// Whether `s` is an UpperCamelCase identifier that is not a keyword (`Self` excluded).
pub fn is_upper_camel_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && s != "Self"
}

/// `for_subscribe` for `SUBSCRIBE`: the entry point of a method-scoped builder.
pub fn scoped_entry(method: &str) -> String {
    format!("for_{}", method.to_ascii_lowercase())
}

/// `Subscribe` for `SUBSCRIBE`: the method marker type.
pub fn method_marker(method: &str) -> String {
    variant_of_phrase(method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants() {
        assert_eq!(variant_of_phrase("OK"), "Ok");
        assert_eq!(variant_of_phrase("Method Not Allowed"), "MethodNotAllowed");
        assert_eq!(
            variant_of_phrase("Request-URI Too Long"),
            "RequestUriTooLong"
        );
        assert_eq!(
            variant_of_phrase("Call/Transaction Does Not Exist"),
            "CallTransactionDoesNotExist"
        );
        assert_eq!(
            variant_of_phrase("SIP Version not supported"),
            "SipVersionNotSupported"
        );
        assert_eq!(
            variant_of_phrase("Unknown Resource-Priority"),
            "UnknownResourcePriority"
        );
        assert_eq!(
            variant_of_phrase("Server Internal Error"),
            "ServerInternalError"
        );
        assert_eq!(variant_of_phrase("100 Trying"), "100Trying");
        assert!(!is_upper_camel_ident("100Trying"));
        assert!(is_upper_camel_ident("BusyHere"));
        assert!(!is_upper_camel_ident(""));
    }
}
