//! Every constructor of `sip_codes::header::*` (and `ReasonPhrase`) that takes a string: never panics, and a
//! value that was accepted renders to text that is a valid header value (no CR, LF, NUL or other control
//! character but tab), so no accepted input can inject a header. Token-like values keep their input byte
//! for byte; values with a parser parse back from what they render.
#![no_main]

use std::fmt::Display;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sip_codes::header::{AlertMsgError, GeolocationError};
use sip_codes::header::{
    AllowEvents, Challenge, Contact, ContentCoding, DigestChallenge, ErrorInfo, EventType,
    FeatureCaps, HeaderName, HeaderValue, InfoPackage, InfoUri, LanguageRange, MediaType, Method,
    NameAddr, OptionTag, OtherChallenge, QValue, Reason, ReasonProtocol, ResourceValue, RetryAfter,
    SecurityMechanism, Server, SessionExpires, SipETag, Token, TokenList, TypedValue, Uri, Warning,
    WwwAuthenticate,
};
use sip_codes::response::ReasonPhrase;

#[derive(Debug, Arbitrary)]
enum Case<'a> {
    Token(&'a str),
    HeaderName(&'a str),
    HeaderValue(&'a str),
    ReasonPhrase(&'a str),
    ContentCoding(&'a str),
    OptionTag(&'a str),
    ResourceValue(&'a str),
    ReasonProtocol(&'a str),
    InfoPackage(&'a str),
    EventType(&'a str),
    MethodNew(&'a str),
    Method(&'a str),
    SipETag(&'a str),
    Server(&'a str),
    Uri(&'a str),
    LanguageRange(&'a str),
    QValue(&'a str),
    MediaType(&'a str),
    MediaTypeParts(&'a str, &'a str, &'a str, &'a str),
    NameAddr(&'a str, &'a str, &'a str, &'a str, &'a str),
    InfoUri(&'a str, &'a str, &'a str, &'a str),
    Digest(&'a str, &'a str, &'a str, &'a str),
    Other(&'a str, &'a str, &'a str, &'a str, &'a str),
    Warning(u16, &'a str, &'a str),
    AllowEvents(&'a str, &'a str),
    FeatureCaps(&'a str, &'a str, &'a str),
    Reason(u16, &'a str, &'a str, &'a str),
    RetryAfter(u32, &'a str, &'a str, &'a str),
    Security(&'a str, &'a str, &'a str),
    SessionExpires(u32, &'a str, &'a str),
    TokenList(&'a str, &'a str),
    AlertMsgError(u16, &'a str, &'a str, &'a str),
    GeolocationError(u16, &'a str, &'a str, &'a str),
}

/// What every accepted value must satisfy: it renders to a valid header value.
fn safe(v: &impl Display) -> String {
    let text = v.to_string();
    assert!(HeaderValue::new(text.as_str()).is_ok(), "{text:?}");
    text
}

/// A typed header value: Display and the wire value agree, and are safe.
fn typed<H: TypedValue + Display>(h: &H) {
    let text = safe(h);
    assert_eq!(h.to_header_value().as_str(), text);
}

/// A token-like value: kept byte for byte, and parses back.
fn token_like<T, E>(input: &str, made: Result<T, E>, as_str: impl Fn(&T) -> &str)
where
    T: Display + std::str::FromStr + PartialEq + std::fmt::Debug,
{
    if let Ok(v) = made {
        assert_eq!(as_str(&v), input);
        assert_eq!(safe(&v), input);
        assert!(input.parse::<T>().ok() == Some(v));
    }
}

fuzz_target!(|case: Case<'_>| {
    match case {
        Case::Token(s) => token_like(s, Token::new(s), |v| v.as_str()),
        Case::HeaderName(s) => {
            if let Ok(n) = HeaderName::new(s) {
                assert!(n.as_str().eq_ignore_ascii_case(s));
                assert!(n.is(s) && n.is(n.long_form()));
                safe(&n);
            }
        }
        Case::HeaderValue(s) => {
            if let Ok(v) = HeaderValue::new(s) {
                assert_eq!(v.as_str(), s);
            }
        }
        Case::ReasonPhrase(s) => token_like(s, ReasonPhrase::new(s), |v| v.as_str()),
        Case::ContentCoding(s) => token_like(s, ContentCoding::new(s), |v| v.as_str()),
        Case::OptionTag(s) => token_like(s, OptionTag::new(s), |v| v.as_str()),
        Case::ResourceValue(s) => token_like(s, ResourceValue::new(s), |v| v.as_str()),
        Case::ReasonProtocol(s) => token_like(s, ReasonProtocol::new(s), |v| v.as_str()),
        Case::InfoPackage(s) => token_like(s, InfoPackage::new(s), |v| v.as_str()),
        Case::EventType(s) => token_like(s, EventType::new(s), |v| v.as_str()),
        Case::MethodNew(s) => {
            if let Ok(m) = Method::new(s) {
                assert_eq!(m.as_str(), s);
                assert_eq!(safe(&m), s);
            }
        }
        Case::Method(s) => {
            if let Ok(m) = s.parse::<Method>() {
                assert_eq!(safe(&m).parse::<Method>().ok(), Some(m));
            }
        }
        Case::SipETag(s) => {
            if let Ok(t) = SipETag::new(s) {
                assert_eq!(t.as_str(), s);
                typed(&t);
            }
        }
        Case::Server(s) => {
            if let Ok(v) = Server::new(s) {
                assert_eq!(v.as_str(), s);
                typed(&v);
            }
        }
        Case::Uri(s) => {
            if let Ok(u) = Uri::new(s) {
                assert_eq!(u.as_str(), s);
                typed(&Contact::from(u.clone()));
                typed(&ErrorInfo::from(u));
            }
        }
        Case::LanguageRange(s) => {
            if let Ok(r) = LanguageRange::new(s) {
                assert_eq!(r.as_str(), s);
                safe(&r);
            }
        }
        Case::QValue(s) => {
            if let Ok(q) = s.parse::<QValue>() {
                assert_eq!(safe(&q).parse::<QValue>().ok(), Some(q));
            }
        }
        Case::MediaType(s) => {
            if let Ok(m) = s.parse::<MediaType>() {
                let text = safe(&m);
                assert_eq!(m.as_str(), text);
                assert_eq!(text.parse::<MediaType>().ok(), Some(m));
            }
        }
        Case::MediaTypeParts(t, sub, name, value) => {
            if let Ok(m) = MediaType::new(t, sub) {
                safe(&m);
                if let Ok(m) = m.param(name, value) {
                    let text = safe(&m);
                    assert_eq!(text.parse::<MediaType>().ok(), Some(m));
                }
            }
        }
        Case::NameAddr(uri, display, name, value, flag) => {
            let Ok(uri) = Uri::new(uri) else { return };
            let mut a = NameAddr::new(uri);
            if let Ok(b) = a.clone().with_display_name(display) {
                a = b;
            }
            if let Ok(b) = a.clone().with_param(name, value) {
                a = b;
            }
            if let Ok(b) = a.clone().with_flag(flag) {
                a = b;
            }
            safe(&a);
            typed(&Contact::new(a));
        }
        Case::InfoUri(uri, purpose, name, value) => {
            let Ok(uri) = Uri::new(uri) else { return };
            let mut i = InfoUri::new(uri);
            if let Ok(b) = i.clone().with_purpose(purpose) {
                i = b;
            }
            if let Ok(b) = i.clone().with_param(name, value) {
                i = b;
            }
            safe(&i);
        }
        Case::Digest(realm, nonce, domain, opaque) => {
            let Ok(mut c) = DigestChallenge::new(realm, nonce) else {
                assert!(Challenge::digest(realm, nonce).is_err());
                return;
            };
            assert_eq!(c.realm(), realm);
            assert_eq!(c.nonce(), nonce);
            if let Ok(d) = c.clone().with_domain(domain) {
                c = d;
            }
            if let Ok(d) = c.clone().with_opaque(opaque) {
                c = d;
            }
            typed(&WwwAuthenticate::from(Challenge::from(c)));
        }
        Case::Other(scheme, n1, v1, n2, v2) => {
            let Ok(mut c) = OtherChallenge::new(scheme) else {
                return;
            };
            if let Ok(d) = c.clone().with_param(n1, v1) {
                c = d;
            }
            if let Ok(d) = c.clone().with_token_param(n2, v2) {
                c = d;
            }
            typed(&WwwAuthenticate::from(Challenge::Other(c)));
        }
        Case::Warning(code, agent, text) => {
            if let Ok(w) = Warning::new(code, agent, text) {
                assert_eq!((w.agent(), w.text()), (agent, text));
                typed(&w);
            }
        }
        Case::AllowEvents(first, second) => {
            let types: Vec<EventType> = [first, second]
                .into_iter()
                .filter_map(|t| EventType::new(t).ok())
                .collect();
            if !types.is_empty() {
                typed(&AllowEvents::from(types));
            }
        }
        Case::FeatureCaps(cap, name, value) => {
            let mut f = FeatureCaps::new();
            if let Ok(g) = f.clone().with_cap(cap) {
                f = g;
            }
            if let Ok(g) = f.clone().with_cap_value(name, value) {
                f = g;
            }
            safe(&f);
        }
        Case::Reason(cause, text, name, value) => {
            let Ok(mut r) = Reason::sip(cause) else {
                return;
            };
            if let Ok(s) = r.clone().with_text(text) {
                r = s;
            }
            if let Ok(s) = r.clone().with_param(name, value) {
                r = s;
            }
            typed(&r);
        }
        Case::RetryAfter(secs, comment, name, value) => {
            let mut r = RetryAfter::new(secs);
            if let Ok(s) = r.clone().with_comment(comment) {
                r = s;
            }
            if let Ok(s) = r.clone().with_param(name, value) {
                r = s;
            }
            typed(&r);
        }
        Case::Security(mech, name, value) => {
            let Ok(mut m) = SecurityMechanism::new(mech) else {
                return;
            };
            if let Ok(n) = m.clone().with_param(name, value) {
                m = n;
            }
            safe(&m);
        }
        Case::SessionExpires(secs, name, value) => {
            let mut s = SessionExpires::new(secs);
            if let Ok(t) = s.clone().with_param(name, value) {
                s = t;
            }
            typed(&s);
        }
        Case::TokenList(first, second) => {
            let tokens: Vec<Token> = [first, second]
                .into_iter()
                .filter_map(|t| Token::new(t).ok())
                .collect();
            if tokens.is_empty() {
                return;
            }
            let list = TokenList::from(tokens.clone());
            typed(&list);
            let names: Vec<&str> = tokens.iter().map(Token::as_str).collect();
            assert_eq!(list.to_string(), names.join(", "));
        }
        Case::AlertMsgError(code, text, name, value) => {
            let Ok(mut e) = AlertMsgError::new(code) else {
                return;
            };
            if let Ok(f) = e.clone().with_text(text) {
                e = f;
            }
            if let Ok(f) = e.clone().with_param(name, value) {
                e = f;
            }
            typed(&e);
        }
        Case::GeolocationError(code, text, name, value) => {
            let Ok(mut e) = GeolocationError::new(code) else {
                return;
            };
            if let Ok(f) = e.clone().with_text(text) {
                e = f;
            }
            if let Ok(f) = e.clone().with_param(name, value) {
                e = f;
            }
            typed(&e);
        }
    }
});
