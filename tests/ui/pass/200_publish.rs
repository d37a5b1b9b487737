use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::Ok::for_publish()
        .expires(3600u32)
        .sip_etag(SipETag::new("dx200xyz").unwrap())
        .build();
    assert_eq!(response.code(), 200);
}
