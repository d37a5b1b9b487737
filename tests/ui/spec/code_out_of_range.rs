sip_codes::sip_codes!("../../../../tests/ui/spec/code_out_of_range.yaml");

fn main() {}
