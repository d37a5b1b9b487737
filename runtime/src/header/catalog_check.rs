//! Checks that every header of [`crate::catalog::HEADERS`] has its value type here, with the same name.

use crate::catalog::HEADERS;
use crate::header::*;

macro_rules! names {
    ($($ty:ident),+ $(,)?) => {
        [$((stringify!($ty), <$ty as TypedHeader>::NAME)),+]
    };
}

#[test]
fn every_catalog_entry_has_its_type() {
    let types = names!(
        Accept,
        AcceptEncoding,
        AcceptLanguage,
        AcceptResourcePriority,
        AlertMsgError,
        Allow,
        AllowEvents,
        CallInfo,
        Contact,
        ErrorInfo,
        Event,
        Expires,
        FeatureCaps,
        GeolocationError,
        MinExpires,
        MinSe,
        Path,
        PermissionMissing,
        ProxyAuthenticate,
        RSeq,
        Reason,
        RecvInfo,
        Require,
        RetryAfter,
        SipETag,
        SecurityServer,
        Server,
        ServiceRoute,
        SessionExpires,
        SubscriptionState,
        Supported,
        Unsupported,
        WwwAuthenticate,
        Warning,
    );
    assert_eq!(types.len(), HEADERS.len());
    for info in HEADERS {
        assert!(
            types.contains(&(info.type_name, info.name)),
            "{} => {}",
            info.name,
            info.type_name
        );
    }
}

/// The setters of generated builders take `impl Into<T>`; these are the conversions they rely on.
#[test]
fn setter_conversions() {
    fn into<T, U: Into<T>>(u: U) -> T {
        u.into()
    }
    let _: Allow = into([Method::Invite, Method::Ack]);
    let _: Allow = into(vec![Method::Invite]);
    let _: Allow = into(&[Method::Bye][..]);
    let _: Require = into(OptionTag::REL_100);
    let _: Supported = into([OptionTag::TIMER, OptionTag::PATH]);
    let _: Unsupported = into(vec![OptionTag::GRUU]);
    let _: Expires = into(5u32);
    let _: MinExpires = into(60u32);
    let _: MinSe = into(90u32);
    let _: RetryAfter = into(120u32);
    let _: SessionExpires = into(1800u32);
    let digest = DigestChallenge::new("r", "n").unwrap();
    let _: WwwAuthenticate = into(Challenge::from(digest.clone()));
    let _: ProxyAuthenticate = into(digest);
    let _: Accept = into(MediaType::APPLICATION_SDP);
    let _: Accept = into([MediaType::APPLICATION_SDP, MediaType::TEXT_PLAIN]);
    let uri = Uri::new("sip:a@b").unwrap();
    let _: Contact = into(uri.clone());
    let _: Path = into(uri.clone());
    let _: ServiceRoute = into(uri.clone());
    let _: PermissionMissing = into(uri.clone());
    let _: CallInfo = into(uri.clone());
    let _: ErrorInfo = into(uri);
    let _: Event = into(EventType::PRESENCE);
    let _: AllowEvents = into(EventType::DIALOG);
    let _: RecvInfo = into(Vec::<InfoPackage>::new());
    let _: SubscriptionState = into(SubState::Active);
}
