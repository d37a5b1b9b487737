use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::ExtensionRequired::builder()
        .require(OptionTag::REL_100)
        .build();
    assert_eq!(response.code(), 421);
}
