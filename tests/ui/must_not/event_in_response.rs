use sip_codes::header::*;
use sip_codes::status;

fn main() {
    // RFC 6665 §8.2.1: Event MUST NOT appear in responses.
    let _response = status::Ok::builder().event(Event::new(EventType::PRESENCE)).build();
}
