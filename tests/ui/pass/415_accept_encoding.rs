use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::UnsupportedMediaType::builder()
        .accept_encoding(ContentCoding::IDENTITY)
        .build();
    assert_eq!(response.code(), 415);
}
