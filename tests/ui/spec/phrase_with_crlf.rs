sip_codes::sip_codes!("../../../../tests/ui/spec/phrase_with_crlf.yaml");

fn main() {}
