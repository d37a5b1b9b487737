sip_codes::sip_codes!("../../../../tests/ui/spec/block_scalar_phrase.yaml");

fn main() {}
