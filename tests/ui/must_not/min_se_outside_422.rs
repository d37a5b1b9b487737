use sip_codes::status;

fn main() {
    // RFC 4028 §5: Min-SE only in 422.
    let _response = status::Ok::builder().min_se(90u32).build();
}
