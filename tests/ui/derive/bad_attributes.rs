use sip_codes::SipResponse;
use sip_codes::header::Allow;

// Every mistake is reported, each at its tokens.
#[derive(SipResponse)]
enum Refusal {
    #[sip(BusyHere, colour = "red")]
    Busy,
    #[sip(MethodNotAllowed)]
    NotAllowed {
        #[sip(header = "Alow")]
        allow: Allow,
    },
    #[sip(Forbidden, reason = "Wrong\r\nGuess")]
    Injected,
    #[sip(BusyHere, q850 = 300)]
    NoSuchCause,
    NoCode,
    #[sip(BusyHere, Decline)]
    TwoCodes,
    #[sip(dynamic)]
    WhichField(u16, u16),
}

fn main() {}
