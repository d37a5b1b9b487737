use sip_codes::header::*;
use sip_codes::{RequestHeaders, method};

sip_codes::sip_codes!("../../../../tests/ui/custom/declared_header_must.yaml", name = OperatorCode, module = operator);

fn main() {
    let request = RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c", "1 INVITE")
        .unwrap();
    let invite = request.typed::<method::Invite>().unwrap();
    let _response = operator::Ok::reply_to(&invite)
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .build();
}
