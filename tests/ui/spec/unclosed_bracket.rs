sip_codes::sip_codes!("../../../../tests/ui/spec/unclosed_bracket.yaml");

fn main() {}
