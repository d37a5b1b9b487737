sip_codes::sip_codes!("../../../../tests/ui/spec/empty_phrase.yaml");

fn main() {}
