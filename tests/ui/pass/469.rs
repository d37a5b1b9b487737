use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::BadInfoPackage::builder()
        .recv_info(RecvInfo::none())
        .build();
    assert_eq!(response.code(), 469);
}
