sip_codes::sip_codes!("../../../../tests/ui/spec/unknown_header.yaml");

fn main() {}
