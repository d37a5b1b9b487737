sip_codes::sip_codes!(name = LocalCode);

fn main() {}
