sip_codes::sip_codes!("../../../../tests/ui/spec/many_errors.yaml");

fn main() {}
