use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::BadLocationInformation::builder()
        .geolocation_error(GeolocationError::new(100).unwrap())
        .build();
    assert_eq!(response.code(), 424);
}
