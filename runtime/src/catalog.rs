//! The header catalog: every header a spec's rules may name, with the setter and the value type that
//! generated builders use for it. This table is the one place that fact lives; the `sip_codes!` macro reads
//! it at expansion time to validate spec header names and to generate setters.

/// One header of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderInfo {
    /// The canonical header name, as written on the wire (`WWW-Authenticate`).
    pub name: &'static str,
    /// The builder setter method for this header (`www_authenticate`).
    pub setter: &'static str,
    /// The name of the value type in [`crate::header`] (`WwwAuthenticate`).
    pub type_name: &'static str,
    /// Whether the header may appear more than once in a response (each call of the setter adds one).
    pub multiple: bool,
    /// The RFC that defines the header, for documentation.
    pub rfc: u16,
}

macro_rules! catalog {
    ($( $name:literal => $setter:ident : $ty:ident, multiple = $multiple:literal, rfc = $rfc:literal; )*) => {
        /// Every header the spec may name, sorted by name.
        pub const HEADERS: &[HeaderInfo] = &[
            $( HeaderInfo { name: $name, setter: stringify!($setter), type_name: stringify!($ty), multiple: $multiple, rfc: $rfc }, )*
        ];
    };
}

catalog! {
    "Accept" => accept: Accept, multiple = false, rfc = 3261;
    "Accept-Encoding" => accept_encoding: AcceptEncoding, multiple = false, rfc = 3261;
    "Accept-Language" => accept_language: AcceptLanguage, multiple = false, rfc = 3261;
    "Accept-Resource-Priority" => accept_resource_priority: AcceptResourcePriority, multiple = false, rfc = 4412;
    "AlertMsg-Error" => alertmsg_error: AlertMsgError, multiple = false, rfc = 8876;
    "Allow" => allow: Allow, multiple = false, rfc = 3261;
    "Allow-Events" => allow_events: AllowEvents, multiple = false, rfc = 6665;
    "Call-Info" => call_info: CallInfo, multiple = true, rfc = 3261;
    "Contact" => contact: Contact, multiple = true, rfc = 3261;
    "Error-Info" => error_info: ErrorInfo, multiple = true, rfc = 3261;
    "Event" => event: Event, multiple = false, rfc = 6665;
    "Expires" => expires: Expires, multiple = false, rfc = 3261;
    "Feature-Caps" => feature_caps: FeatureCaps, multiple = true, rfc = 6809;
    "Geolocation-Error" => geolocation_error: GeolocationError, multiple = false, rfc = 6442;
    "Min-Expires" => min_expires: MinExpires, multiple = false, rfc = 3261;
    "Min-SE" => min_se: MinSe, multiple = false, rfc = 4028;
    "Path" => path: Path, multiple = true, rfc = 3327;
    "Permission-Missing" => permission_missing: PermissionMissing, multiple = true, rfc = 5360;
    "Proxy-Authenticate" => proxy_authenticate: ProxyAuthenticate, multiple = true, rfc = 3261;
    "RSeq" => rseq: RSeq, multiple = false, rfc = 3262;
    "Reason" => reason: Reason, multiple = true, rfc = 3326;
    "Recv-Info" => recv_info: RecvInfo, multiple = false, rfc = 6086;
    "Require" => require: Require, multiple = false, rfc = 3261;
    "Retry-After" => retry_after: RetryAfter, multiple = false, rfc = 3261;
    "SIP-ETag" => sip_etag: SipETag, multiple = false, rfc = 3903;
    "Security-Server" => security_server: SecurityServer, multiple = true, rfc = 3329;
    "Server" => server: Server, multiple = false, rfc = 3261;
    "Service-Route" => service_route: ServiceRoute, multiple = true, rfc = 3608;
    "Session-Expires" => session_expires: SessionExpires, multiple = false, rfc = 4028;
    "Subscription-State" => subscription_state: SubscriptionState, multiple = false, rfc = 6665;
    "Supported" => supported: Supported, multiple = false, rfc = 3261;
    "Unsupported" => unsupported: Unsupported, multiple = false, rfc = 3261;
    "WWW-Authenticate" => www_authenticate: WwwAuthenticate, multiple = true, rfc = 3261;
    "Warning" => warning: Warning, multiple = true, rfc = 3261;
}

/// Looks a header up by name, case-insensitively.
pub fn find(name: &str) -> Option<&'static HeaderInfo> {
    HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}
