// Upstream adds an optional query parameter (`listPets` gains `offset`): a new setter on the
// request builder; calls that leave it out (written against v1) compile against v2, and send the
// same request.
include!("../evolution/on_v1_and_v2.rs");

on_v1_and_v2! {
    use api::client::Client;

    pub fn first_page(client: &Client) -> String {
        format!("{:?}", client.list_pets().limit(10))
    }

    pub fn client() -> Client {
        Client::with_bearer_token("http://127.0.0.1:9".parse().unwrap(), "token")
            .expect("a client builds without I/O")
    }
}

fn main() {
    let old = v1::first_page(&v1::client());
    assert!(old.contains("10"), "{old}");
    // The request builder's state shows the same set parameter in both releases.
    assert!(v2::first_page(&v2::client()).contains("10"));
}
