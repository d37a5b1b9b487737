use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::BadAlertMessage::builder()
        .alertmsg_error(AlertMsgError::new(100).unwrap())
        .build();
    assert_eq!(response.code(), 425);
}
