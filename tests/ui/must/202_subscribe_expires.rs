#![allow(deprecated)]
use sip_codes::status;

fn main() {
    let _response = status::Accepted::for_subscribe()
        .build();
}
