use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let _response = status::Ok::for_publish()
        .sip_etag(SipETag::new("dx200xyz").unwrap())
        .build();
}
