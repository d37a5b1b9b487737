use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::MethodNotAllowed::builder()
        .allow([Method::Invite, Method::Ack])
        .build();
    assert_eq!(response.code(), 405);
}
