use sip_codes::header::*;
use sip_codes::status;

fn main() {
    // Min-SE is allowed, and required, on 422.
    let response = status::SessionIntervalTooSmall::builder().min_se(90u32).build();
    assert_eq!(response.header("Min-SE").unwrap().as_str(), "90");
}
