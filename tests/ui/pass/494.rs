use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::SecurityAgreementRequired::builder()
        .security_server(SecurityMechanism::TLS)
        .build();
    assert_eq!(response.code(), 494);
}
