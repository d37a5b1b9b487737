sip_codes::sip_codes!("../../../../tests/ui/spec/method_not_registered.yaml");

fn main() {}
