#![deny(deprecated)]

use sip_codes::status;

fn main() {
    // 202 Accepted is deprecated (RFC 6665 §8.3.1): building one warns.
    let _response = status::Accepted::builder().build();
}
