sip_codes::sip_codes!("tests/ui/spec/no-such-file.yaml");

fn main() {}
