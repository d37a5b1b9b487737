use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::UnsupportedMediaType::builder()
        .accept(MediaType::APPLICATION_SDP)
        .build();
    assert_eq!(response.code(), 415);
}
