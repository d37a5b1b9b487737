#![allow(deprecated)]
use sip_codes::header::*;
use sip_codes::status;

fn main() {
    let response = status::Accepted::for_subscribe()
        .expires(3600u32)
        .build();
    assert_eq!(response.code(), 202);
}
