sip_codes::sip_codes!("../../../../tests/ui/spec/wrong_type.yaml");

fn main() {}
