//! The header catalog: every header the crate knows by name, each fact once. A spec's rules may name any
//! of them; a user's spec may declare more. The Rust names of a header (its setter, its value type) are
//! derived from its name by [`setter_name`] and [`type_name`], never written down.

/// How a header's value is made, which decides the setter a builder has for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A value type of its own in the runtime's `header` module, named after the header by [`type_name`]
    /// (`WWW-Authenticate` → `WwwAuthenticate`).
    Typed,
    /// Free text (`TEXT-UTF8-TRIM`, RFC 3261 §25.1): the runtime's `HeaderValue`.
    Text,
    /// One `token` (RFC 3261 §25.1): the runtime's `Token`.
    Token,
    /// A comma-separated list of tokens (RFC 3261 §7.3.1): the runtime's `TokenList`.
    TokenList,
    /// A `name-addr` or `addr-spec` (RFC 3261 §25.1): the runtime's `NameAddr`.
    NameAddr,
    /// A URI (RFC 3261 §25.1 `absoluteURI` or SIP-URI): the runtime's `Uri`.
    Uri,
    /// A number of seconds (RFC 3261 §25.1 `delta-seconds`): the runtime's `DeltaSeconds`.
    DeltaSeconds,
    /// Written by the library itself, from the request (Via, From, To, Call-ID, CSeq, Record-Route,
    /// Timestamp) or from the body (Content-Type, Content-Length): no setter, and `header()` refuses it.
    Managed,
    /// Known by name only (request headers, headers responses never carry): rules may forbid it, nothing
    /// sets it.
    NameOnly,
}

impl ValueKind {
    /// The spec's word for the kind of a declared header (`token-list`), `None` for the kinds a spec
    /// cannot declare.
    pub const fn keyword(self) -> Option<&'static str> {
        Some(match self {
            ValueKind::Text => "text",
            ValueKind::Token => "token",
            ValueKind::TokenList => "token-list",
            ValueKind::NameAddr => "name-addr",
            ValueKind::Uri => "uri",
            ValueKind::DeltaSeconds => "delta-seconds",
            ValueKind::Typed | ValueKind::Managed | ValueKind::NameOnly => return None,
        })
    }

    /// The kinds a spec can give a header it declares, with their keywords.
    pub const DECLARABLE: [ValueKind; 6] = [
        ValueKind::Text,
        ValueKind::Token,
        ValueKind::TokenList,
        ValueKind::NameAddr,
        ValueKind::Uri,
        ValueKind::DeltaSeconds,
    ];

    /// The kind a spec keyword names.
    pub fn from_keyword(word: &str) -> Option<ValueKind> {
        Self::DECLARABLE
            .into_iter()
            .find(|kind| kind.keyword() == Some(word))
    }

    /// Whether a builder has a setter for headers of this kind.
    pub const fn has_setter(self) -> bool {
        !matches!(self, ValueKind::Managed | ValueKind::NameOnly)
    }
}

/// One header of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderInfo {
    /// The canonical name, as written on the wire (`WWW-Authenticate`).
    pub name: &'static str,
    /// The compact form (RFC 3261 §7.3.3 and the IANA registry), lower case (`b'v'` for Via).
    pub compact: Option<u8>,
    /// Whether a response may carry it more than once: each call of its setter adds one more.
    pub multiple: bool,
    /// Whether its value is a comma-separated list, so that it may stand on several lines, which mean the
    /// same as one line with every value (RFC 3261 §7.3.1).
    pub list: bool,
    /// How its value is made.
    pub value: ValueKind,
    /// The RFC that defines it.
    pub rfc: u16,
}

macro_rules! catalog {
    ($( $name:literal $(($compact:literal))? : $kind:ident $(, $flag:ident)* ; rfc $rfc:literal; )*) => {
        /// Every header of the catalog, sorted by name (ASCII case ignored).
        pub const HEADERS: &[HeaderInfo] = &[
            $( HeaderInfo {
                name: $name,
                compact: catalog!(@compact $($compact)?),
                multiple: catalog!(@has multiple $($flag)*),
                list: catalog!(@has list $($flag)*),
                value: ValueKind::$kind,
                rfc: $rfc,
            }, )*
        ];
    };
    (@compact $compact:literal) => { Some($compact) };
    (@compact) => { None };
    (@has multiple multiple $($rest:ident)*) => { true };
    (@has list list $($rest:ident)*) => { true };
    (@has $want:ident $other:ident $($rest:ident)*) => { catalog!(@has $want $($rest)*) };
    (@has $want:ident) => { false };
}

catalog! {
    "Accept": Typed, list; rfc 3261;
    "Accept-Contact" (b'a'): NameOnly, list; rfc 3841;
    "Accept-Encoding": Typed, list; rfc 3261;
    "Accept-Language": Typed, list; rfc 3261;
    "Accept-Resource-Priority": Typed, list; rfc 4412;
    "AlertMsg-Error": Typed; rfc 8876;
    "Allow": Typed, list; rfc 3261;
    "Allow-Events" (b'u'): Typed, list; rfc 6665;
    "Call-ID" (b'i'): Managed; rfc 3261;
    "Call-Info": Typed, multiple, list; rfc 3261;
    "Contact" (b'm'): Typed, multiple, list; rfc 3261;
    "Content-Encoding" (b'e'): TokenList, list; rfc 3261;
    "Content-Length" (b'l'): Managed; rfc 3261;
    "Content-Type" (b'c'): Managed; rfc 3261;
    "CSeq": Managed; rfc 3261;
    "Error-Info": Typed, multiple, list; rfc 3261;
    "Event" (b'o'): NameOnly; rfc 6665;
    "Expires": Typed; rfc 3261;
    "Feature-Caps": Typed, multiple, list; rfc 6809;
    "From" (b'f'): Managed; rfc 3261;
    "Geolocation-Error": Typed; rfc 6442;
    "Identity" (b'y'): NameOnly; rfc 8224;
    "Identity-Info" (b'n'): NameOnly; rfc 4474;
    "Min-Expires": Typed; rfc 3261;
    "Min-SE": Typed; rfc 4028;
    "Path": Typed, multiple, list; rfc 3327;
    "Permission-Missing": Typed, multiple, list; rfc 5360;
    "Proxy-Authenticate": Typed, multiple; rfc 3261;
    "Reason": Typed, multiple, list; rfc 3326;
    "Record-Route": Managed, list; rfc 3261;
    "Recv-Info": Typed, list; rfc 6086;
    "Refer-To" (b'r'): NameOnly; rfc 3515;
    "Referred-By" (b'b'): NameOnly; rfc 3892;
    "Reject-Contact" (b'j'): NameOnly, list; rfc 3841;
    "Request-Disposition" (b'd'): NameOnly, list; rfc 3841;
    "Require": Typed, list; rfc 3261;
    "Retry-After": Typed; rfc 3261;
    "RSeq": Typed; rfc 3262;
    "Security-Server": Typed, multiple, list; rfc 3329;
    "Server": Typed; rfc 3261;
    "Service-Route": Typed, multiple, list; rfc 3608;
    "Session-Expires" (b'x'): Typed; rfc 4028;
    "SIP-ETag": Typed; rfc 3903;
    "Subject" (b's'): Text; rfc 3261;
    "Subscription-State": NameOnly; rfc 6665;
    "Supported" (b'k'): Typed, list; rfc 3261;
    "Timestamp": Managed; rfc 3261;
    "To" (b't'): Managed; rfc 3261;
    "Unsupported": Typed, list; rfc 3261;
    "Via" (b'v'): Managed, list; rfc 3261;
    "Warning": Typed, multiple, list; rfc 3261;
    "WWW-Authenticate": Typed, multiple; rfc 3261;
}

/// Looks a header up by name, ASCII case ignored; a compact form (`v`) finds its header (Via).
pub fn find(name: &str) -> Option<&'static HeaderInfo> {
    let name = long_form(name);
    HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

/// The long form of a header name: `"Via"` for `"v"` or `"V"`, the name itself when it is not a compact
/// form.
pub fn long_form(name: &str) -> &str {
    if let [b] = name.as_bytes() {
        let b = b.to_ascii_lowercase();
        if let Some(header) = HEADERS.iter().find(|h| h.compact == Some(b)) {
            return header.name;
        }
    }
    name
}

/// Whether two header names denote the same header: ASCII case ignored, compact forms equal to their
/// long forms (`"v"` and `"VIA"` are the same header).
pub fn same_header(a: &str, b: &str) -> bool {
    long_form(a).eq_ignore_ascii_case(long_form(b))
}

/// The words of a header name: split at `-`, each word in UpperCamelCase (an all-caps word keeps only its
/// first capital, a mixed-case word is kept): `SIP-ETag` → `Sip`, `ETag`.
fn words(name: &str) -> impl Iterator<Item = (char, &str, bool)> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .filter_map(|word| {
            let first = word.chars().next()?;
            let all_caps = !word.bytes().any(|b| b.is_ascii_lowercase());
            Some((first, &word[first.len_utf8()..], all_caps))
        })
}

/// The name of a header's value type and typestate tag: `WWW-Authenticate` → `WwwAuthenticate`,
/// `SIP-ETag` → `SipETag`, `Min-SE` → `MinSe`, `RSeq` → `RSeq`.
pub fn type_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (first, rest, all_caps) in words(name) {
        out.push(first.to_ascii_uppercase());
        if all_caps {
            out.extend(rest.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(rest);
        }
    }
    out
}

/// The name of a header's builder setter: `WWW-Authenticate` → `www_authenticate`, `RSeq` → `rseq`,
/// `P-Asserted-Identity` → `p_asserted_identity`.
pub fn setter_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    for (first, rest, _) in words(name) {
        if !out.is_empty() {
            out.push('_');
        }
        out.push(first.to_ascii_lowercase());
        out.extend(rest.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_compact_forms_unique() {
        for pair in HEADERS.windows(2) {
            assert!(
                pair[0].name.to_ascii_lowercase() < pair[1].name.to_ascii_lowercase(),
                "{} before {}",
                pair[0].name,
                pair[1].name
            );
        }
        for (i, a) in HEADERS.iter().enumerate() {
            for b in &HEADERS[i + 1..] {
                assert!(a.compact.is_none() || a.compact != b.compact, "{}", a.name);
            }
            assert!(crate::text::is_token(a.name));
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(find("v").map(|h| h.name), Some("Via"));
        assert_eq!(
            find("WWW-AUTHENTICATE").map(|h| h.name),
            Some("WWW-Authenticate")
        );
        assert_eq!(find("X-Nope"), None);
        assert!(same_header("i", "call-id"));
        assert!(!same_header("i", "Via"));
        assert_eq!(long_form("k"), "Supported");
        assert_eq!(long_form("kk"), "kk");
    }

    #[test]
    fn derived_names() {
        for (name, ty, setter) in [
            ("WWW-Authenticate", "WwwAuthenticate", "www_authenticate"),
            ("SIP-ETag", "SipETag", "sip_etag"),
            ("Min-SE", "MinSe", "min_se"),
            ("RSeq", "RSeq", "rseq"),
            ("AlertMsg-Error", "AlertMsgError", "alertmsg_error"),
            ("Call-ID", "CallId", "call_id"),
            (
                "P-Asserted-Identity",
                "PAssertedIdentity",
                "p_asserted_identity",
            ),
            ("X-Operator-Reason", "XOperatorReason", "x_operator_reason"),
        ] {
            assert_eq!(type_name(name), ty);
            assert_eq!(setter_name(name), setter);
        }
    }
}
