use sip_codes::status;

fn main() {
    let _response = status::NoNotification::for_subscribe()
        .build();
}
