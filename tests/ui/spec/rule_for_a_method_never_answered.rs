sip_codes::sip_codes!("../../../../tests/ui/spec/rule_for_a_method_never_answered.yaml");

fn main() {}
