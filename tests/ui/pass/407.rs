use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::ProxyAuthenticationRequired::builder()
        .proxy_authenticate(Challenge::digest("example.com", "f84f1cec41e6cbe5aea9c8e88d359").unwrap())
        .build();
    assert_eq!(response.code(), 407);
}
