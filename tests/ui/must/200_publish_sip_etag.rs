use sip_codes::status;

fn main() {
    let _response = status::Ok::for_publish()
        .expires(3600u32)
        .build();
}
