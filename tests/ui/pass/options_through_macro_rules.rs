// The macro called from a user's own `macro_rules!`: the path arrives as a `$path:literal` fragment
// (an invisible group), the options as other fragments; raw strings, `pub(crate)` and escapes work too.
macro_rules! local_codes {
    ($path:literal, $name:ident, $vis:vis) => {
        sip_codes::sip_codes!($path, name = $name, module = local_status, vis = $vis, codes = [180, 4_86u16]);
    };
}

local_codes!(r"../../../../spec/sip-codes.yaml", LocalCode, pub(crate));

mod escaped {
    sip_codes::sip_codes!("../../../../spec/\x73ip-codes.yaml", codes = [200], vis = pub(in crate::escaped));

    pub fn count() -> usize {
        StatusCode::ALL.len()
    }
}

fn main() {
    assert_eq!(LocalCode::ALL.len(), 2);
    assert_eq!(LocalCode::BusyHere.code(), 486);
    assert_eq!("180".parse::<LocalCode>().map(LocalCode::code), Ok(180));
    assert!("200".parse::<LocalCode>().is_err());
    let request = sip_codes::RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c", "1 INVITE")
        .unwrap()
        .via("SIP/2.0/UDP h;branch=z9hG4bK1")
        .unwrap();
    let invite = request.typed::<sip_codes::method::Invite>().unwrap();
    let _ = local_status::Ringing::reply_to(&invite).build();
    assert_eq!(escaped::count(), 1);
}
