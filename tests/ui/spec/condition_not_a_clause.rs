sip_codes::sip_codes!("../../../../tests/ui/spec/condition_not_a_clause.yaml");

fn main() {}
