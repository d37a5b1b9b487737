sip_codes::sip_codes!("../../../../tests/ui/spec/must_and_must_not.yaml");

fn main() {}
