//! A table test over every code of the bundled spec: the spec is read here on its own (with serde_yaml,
//! not through the macro), and every generated item is checked against it.

use std::collections::BTreeMap;

use serde::Deserialize;
use sip_codes::{RegistryStatus, StatusClass, StatusCode};

#[derive(Deserialize)]
struct Spec {
    codes: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    code: u16,
    phrase: String,
    class: String,
    rfc: u16,
    section: String,
    status: String,
    #[serde(default)]
    aliases: Vec<Alias>,
    #[serde(default)]
    headers: BTreeMap<String, Vec<serde_yaml::Value>>,
}

#[derive(Deserialize)]
struct Alias {
    phrase: String,
}

fn spec() -> Spec {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/sip-codes.yaml"))
        .unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[test]
#[allow(deprecated)]
fn every_code_of_the_spec_is_generated_right() {
    let spec = spec();
    assert_eq!(StatusCode::ALL.len(), spec.codes.len());
    for entry in &spec.codes {
        let code =
            StatusCode::from_u16(entry.code).unwrap_or_else(|| panic!("{} missing", entry.code));
        assert_eq!(code.code(), entry.code);
        assert_eq!(u16::from(code), entry.code);
        assert_eq!(code, entry.code);
        assert_eq!(entry.code, code);
        assert_eq!(code.as_str(), entry.code.to_string());
        assert_eq!(code.reason_phrase(), entry.phrase);
        assert_eq!(code.to_string(), format!("{} {}", entry.code, entry.phrase));
        assert_eq!(StatusCode::try_from(entry.code), Ok(code));
        let class = match entry.class.as_str() {
            "provisional" => StatusClass::Provisional,
            "success" => StatusClass::Success,
            "redirection" => StatusClass::Redirection,
            "request-failure" => StatusClass::RequestFailure,
            "server-failure" => StatusClass::ServerFailure,
            "global-failure" => StatusClass::GlobalFailure,
            other => panic!("class {other}"),
        };
        assert_eq!(code.class(), class);
        assert_eq!(StatusClass::of(entry.code), Some(class));
        assert_eq!(code.rfc().rfc(), Some(entry.rfc));
        assert_eq!(code.rfc().section(), Some(entry.section.as_str()));
        assert_eq!(
            code.rfc().to_string(),
            format!("RFC {} §{}", entry.rfc, entry.section)
        );
        let status = match entry.status.as_str() {
            "current" => RegistryStatus::Current,
            "deprecated" => RegistryStatus::Deprecated,
            "reserved" => RegistryStatus::Reserved,
            "historic" => RegistryStatus::Historic,
            other => panic!("status {other}"),
        };
        assert_eq!(code.registry_status(), status);
        let aliases: Vec<&str> = entry.aliases.iter().map(|a| a.phrase.as_str()).collect();
        assert_eq!(code.aliases(), aliases.as_slice());
        for alias in &aliases {
            assert!(code.is_known_phrase(alias));
        }
        assert!(code.is_known_phrase(&entry.phrase.to_uppercase()));
        assert!(!code.description().is_empty());
        let rules = code.header_rules();
        for (kind, list) in [
            ("must", rules.must),
            ("should", rules.should),
            ("may", rules.may),
        ] {
            let in_spec = entry.headers.get(kind).map_or(0, Vec::len);
            assert_eq!(list.len(), in_spec, "{} {kind}", entry.code);
        }
        // The predicates agree with the class, and exactly one of them holds.
        let predicates = [
            code.is_provisional(),
            code.is_success(),
            code.is_redirection(),
            code.is_request_failure(),
            code.is_server_failure(),
            code.is_global_failure(),
        ];
        assert_eq!(predicates.iter().filter(|p| **p).count(), 1);
        assert_eq!(code.is_final(), !code.is_provisional());
        // Display and FromStr round-trip, with and without the phrase.
        assert_eq!(code.to_string().parse::<StatusCode>(), Ok(code));
        assert_eq!(code.as_str().parse::<StatusCode>(), Ok(code));
    }
}

#[test]
fn all_is_ascending_and_complete_by_class() {
    let codes: Vec<u16> = StatusCode::ALL.iter().map(|c| c.code()).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
    let count = |class: StatusClass| {
        StatusCode::ALL
            .iter()
            .filter(|c| c.class() == class)
            .count()
    };
    // The IANA registry as of 2026 (75 codes) plus the historic 409 and 411.
    assert_eq!(count(StatusClass::Provisional), 6);
    assert_eq!(count(StatusClass::Success), 3);
    assert_eq!(count(StatusClass::Redirection), 5);
    assert_eq!(count(StatusClass::RequestFailure), 46 + 2);
    assert_eq!(count(StatusClass::ServerFailure), 9);
    assert_eq!(count(StatusClass::GlobalFailure), 6);
}

#[test]
fn numbers_outside_the_spec_are_not_codes() {
    for n in (0..=1000u16).filter(|n| StatusCode::ALL.iter().all(|c| c.code() != *n)) {
        assert_eq!(StatusCode::from_u16(n), None, "{n}");
        assert!(StatusCode::try_from(n).is_err(), "{n}");
    }
    assert_eq!(StatusCode::from_u16(u16::MAX), None);
}

#[test]
fn variant_names_follow_the_phrases() {
    assert_eq!(StatusCode::MethodNotAllowed.code(), 405);
    assert_eq!(StatusCode::BusyHere.code(), 486);
    assert_eq!(StatusCode::ServerInternalError.code(), 500);
    assert_eq!(StatusCode::RequestUriTooLong.code(), 414);
    assert_eq!(StatusCode::Ok.code(), 200);
    assert_eq!(
        StatusCode::BadIdentityInfo.reason_phrase(),
        "Bad Identity Info"
    );
    assert_eq!(
        StatusCode::UnsupportedCredential.reason_phrase(),
        "Unsupported Credential"
    );
}

#[test]
fn header_rules_as_data() {
    let rules = StatusCode::MethodNotAllowed.header_rules();
    assert_eq!(rules.required().collect::<Vec<_>>(), ["Allow"]);
    let groups: Vec<_> = StatusCode::UnsupportedMediaType
        .header_rules()
        .one_of_groups()
        .collect();
    assert_eq!(
        groups,
        [&["Accept", "Accept-Encoding", "Accept-Language"][..]]
    );
    assert!(StatusCode::Ok.header_rules().forbids("min-se", None));
    assert!(
        !StatusCode::SessionIntervalTooSmall
            .header_rules()
            .forbids("Min-SE", None)
    );
    let scoped: Vec<_> = StatusCode::Ok
        .header_rules()
        .must
        .iter()
        .filter(|r| r.method == Some("PUBLISH"))
        .collect();
    assert_eq!(scoped.len(), 2);
}

#[test]
fn classes() {
    assert_eq!(StatusClass::of(431), Some(StatusClass::RequestFailure));
    assert_eq!(StatusClass::RequestFailure.base_code(), 400);
    assert_eq!(StatusClass::GlobalFailure.to_string(), "6xx Global Failure");
    assert_eq!(
        StatusCode::BusyHere.class().to_string(),
        "4xx Request Failure"
    );
}
