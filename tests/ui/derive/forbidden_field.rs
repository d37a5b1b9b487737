use sip_codes::SipResponse;
use sip_codes::header::MinSe;

#[derive(SipResponse)]
enum Answer {
    // RFC 4028 §5: only a 422 carries Min-SE.
    #[sip(Ok)]
    Fine { min_se: MinSe },
}

fn main() {}
