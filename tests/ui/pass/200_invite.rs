use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::Ok::for_invite()
        .contact(Uri::new("sip:alice@192.0.2.10").unwrap())
        .build();
    assert_eq!(response.code(), 200);
}
