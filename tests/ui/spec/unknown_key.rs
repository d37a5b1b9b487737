sip_codes::sip_codes!("../../../../tests/ui/spec/unknown_key.yaml");

fn main() {}
