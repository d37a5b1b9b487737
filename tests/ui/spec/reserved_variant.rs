sip_codes::sip_codes!("../../../../tests/ui/spec/reserved_variant.yaml");

fn main() {}
