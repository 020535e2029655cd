// Upstream adds an operation (`deletePet`): a new `Client` method and request builder; the
// methods downstream code calls are unchanged, so code written against v1 compiles against v2.
include!("../evolution/on_v1_and_v2.rs");

on_v1_and_v2! {
    use api::client::Client;
    use api::types::Pet;

    pub fn client() -> Client {
        Client::with_bearer_token("http://127.0.0.1:9".parse().unwrap(), "token")
            .expect("a client builds without I/O")
    }

    pub async fn create_then_list(client: Client, pet: Pet) -> usize {
        let _ = client.create_pet(pet).send().await;
        match client.list_pets().send().await {
            Ok(pets) => pets.into_inner().len(),
            Err(_) => 0,
        }
    }

    pub fn run() {
        let pet = Pet::builder().id("p1").name("Rex").build();
        // Built, never polled: no request is sent.
        drop(create_then_list(client(), pet));
    }
}

fn main() {
    v1::run();
    v2::run();
}
