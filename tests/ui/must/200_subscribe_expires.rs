use sip_codes::status;

fn main() {
    let _response = status::Ok::for_subscribe()
        .build();
}
