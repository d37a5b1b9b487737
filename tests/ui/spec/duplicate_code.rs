sip_codes::sip_codes!("../../../../tests/ui/spec/duplicate_code.yaml");

fn main() {}
