sip_codes::sip_codes!("../../../../spec/sip-codes.yaml", name = LocalCode, colour = red);

fn main() {}
