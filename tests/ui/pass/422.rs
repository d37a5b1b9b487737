use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::SessionIntervalTooSmall::builder()
        .min_se(90u32)
        .build();
    assert_eq!(response.code(), 422);
}
