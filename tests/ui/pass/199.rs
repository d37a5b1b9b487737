use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::EarlyDialogTerminated::builder()
        .reason(Reason::sip(480).unwrap())
        .build();
    assert_eq!(response.code(), 199);
}
