sip_codes::sip_codes!("../../../../tests/ui/spec/yaml_syntax.yaml");

fn main() {}
