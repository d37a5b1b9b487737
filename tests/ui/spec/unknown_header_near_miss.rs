sip_codes::sip_codes!("../../../../tests/ui/spec/unknown_header_near_miss.yaml");

fn main() {}
