sip_codes::sip_codes!(b"../../../../spec/sip-codes.yaml");

fn main() {}
