use sip_codes::header::*;
use sip_codes::status;

fn main() {
    // RFC 6665 §8.2.3: Subscription-State only in NOTIFY requests.
    let _response = status::Ok::for_subscribe()
        .expires(3600u32)
        .subscription_state(SubscriptionState::active(3600))
        .build();
}
