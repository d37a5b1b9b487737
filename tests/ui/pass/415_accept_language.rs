use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::UnsupportedMediaType::builder()
        .accept_language(LanguageRange::new("en").unwrap())
        .build();
    assert_eq!(response.code(), 415);
}
