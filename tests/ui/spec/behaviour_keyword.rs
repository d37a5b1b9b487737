sip_codes::sip_codes!("../../../../tests/ui/spec/behaviour_keyword.yaml");

fn main() {}
