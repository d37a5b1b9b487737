use sip_codes::header::*;
use sip_codes::status;

fn main() {
    // The INVITE-scoped 200 has no Min-SE setter either.
    let _response = status::Ok::for_invite()
        .contact(Uri::new("sip:alice@192.0.2.10").unwrap())
        .min_se(90u32)
        .build();
}
