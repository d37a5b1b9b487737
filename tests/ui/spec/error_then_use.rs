// A spec error is one error: the code that uses the generated types does not add more.
sip_codes::sip_codes!("../../../../tests/ui/spec/code_out_of_range.yaml", name = LocalCode, module = local);

fn main() {
    let _code = LocalCode::Ok;
    let _line: Option<LocalLine> = None;
    let _marker = local::Ok;
}
