sip_codes::sip_codes!("../../../../tests/ui/spec/unknown_class.yaml");

fn main() {}
