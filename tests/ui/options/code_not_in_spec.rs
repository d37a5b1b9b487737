sip_codes::sip_codes!("../../../../spec/sip-codes.yaml", codes = [100, 299, 0x1E6, 486]);

fn main() {}
