use sip_codes::SipResponse;

#[derive(SipResponse)]
enum Refusal {
    #[sip(Unauthorised)]
    Challenge,
}

fn main() {}
