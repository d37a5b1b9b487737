sip_codes::sip_codes!("../../../../tests/ui/spec/variant_collision.yaml");

fn main() {}
