use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::IntervalTooBrief::for_publish()
        .min_expires(3600u32)
        .build();
    assert_eq!(response.code(), 423);
}
