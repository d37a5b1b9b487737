use sip_codes::SipResponse;

#[derive(SipResponse)]
enum Refusal {
    // RFC 3261 §21.4.6: a 405 carries Allow, and this variant has no field for it.
    #[sip(MethodNotAllowed)]
    NotAllowed,
}

fn main() {}
