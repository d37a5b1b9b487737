#![deny(deprecated)]

use sip_codes::status;

fn main() {
    // 409 Conflict is historic (RFC 2543 only): building one warns.
    let _response = status::Conflict::builder().build();
}
