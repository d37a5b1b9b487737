sip_codes::sip_codes!("../../../../tests/ui/spec/code_not_in_class.yaml");

fn main() {}
