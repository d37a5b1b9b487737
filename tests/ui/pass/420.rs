use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::BadExtension::builder()
        .unsupported(OptionTag::REL_100)
        .build();
    assert_eq!(response.code(), 420);
}
