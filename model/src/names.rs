//! Rust names derived from the spec, and the names generated code keeps for itself.

/// The items of the status module that are not status markers: a variant of the same name would clash.
pub const RESERVED_ITEMS: [&str; 1] = ["Builder"];

/// The builder's own methods: a declared header whose setter had one of these names would clash.
pub const BUILDER_METHODS: [&str; 6] = [
    "build",
    "body",
    "header",
    "to_tag",
    "reason_phrase",
    "draft",
];

/// Rust's keywords, strict and reserved (edition 2024): none is a usable identifier.
const KEYWORDS: [&str; 52] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// UpperCamelCase of a reason phrase: words split at anything not alphanumeric; an all-caps word keeps
/// only its first capital (`OK` → `Ok`, `Request-URI Too Long` → `RequestUriTooLong`).
pub fn variant_of_phrase(phrase: &str) -> String {
    sip_codes_core::headers::type_name(phrase)
}

/// Why `name` cannot be a variant and status marker, if it cannot: it must be an UpperCamelCase ASCII
/// identifier, not a keyword and not a name the status module keeps for itself.
pub fn variant_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    if !matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        || !chars.all(|c| c.is_ascii_alphanumeric())
    {
        return Some(
            "is not an UpperCamelCase Rust identifier (ASCII letters and digits, first a capital)"
                .into(),
        );
    }
    if KEYWORDS.contains(&name) {
        return Some("is a Rust keyword".into());
    }
    if RESERVED_ITEMS.contains(&name) {
        return Some(format!("is the name of the status module's `{name}` type"));
    }
    None
}

/// Why `setter` cannot be a builder method, if it cannot.
pub fn setter_problem(setter: &str) -> Option<&'static str> {
    let mut chars = setter.chars();
    if !matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        || !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Some("is not a snake_case Rust identifier");
    }
    if KEYWORDS.contains(&setter) {
        return Some("is a Rust keyword");
    }
    if BUILDER_METHODS.contains(&setter) {
        return Some("is a method the builder has already");
    }
    None
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
        assert_eq!(variant_of_phrase("100 Trying"), "100Trying");
        assert!(variant_problem("100Trying").is_some());
        assert!(variant_problem("BusyHere").is_none());
        assert!(variant_problem("").is_some());
        assert!(variant_problem("Self").is_some());
        assert!(variant_problem("Builder").is_some());
        assert!(variant_problem("Busy_Here").is_some());
        assert!(setter_problem("p_asserted_identity").is_none());
        assert!(setter_problem("type").is_some());
        assert!(setter_problem("build").is_some());
        assert!(setter_problem("1x").is_some());
    }
}
