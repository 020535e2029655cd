// Upstream adds a response status (`createPet` gains `202` with its own body): the success enum
// `CreatePetSuccess` grows a variant. It is `#[non_exhaustive]`, so the downstream `match` has a
// wildcard arm and compiles against v2; `send()` keeps its type.
include!("../evolution/on_v1_and_v2.rs");

on_v1_and_v2! {
    use api::client::{Client, CreatePetSuccess};
    use api::types::Pet;

    pub fn describe(success: &CreatePetSuccess) -> String {
        match success {
            CreatePetSuccess::Status200(pet) => format!("already there: {}", pet.name),
            CreatePetSuccess::Status201 => "created".to_string(),
            _ => "something new".to_string(),
        }
    }

    pub async fn create(client: &Client, pet: Pet) -> String {
        match client.create_pet(pet).send().await {
            Ok(response) => describe(&response.into_inner()),
            Err(error) => error.to_string(),
        }
    }

    pub fn run() -> String {
        let client = Client::with_bearer_token("http://127.0.0.1:9".parse().unwrap(), "t")
            .expect("a client builds without I/O");
        // Built, never polled: no request is sent.
        drop(create(&client, Pet::builder().id("p1").name("Rex").build()));
        describe(&CreatePetSuccess::Status201)
    }
}

fn main() {
    assert_eq!(v1::run(), "created");
    assert_eq!(v2::run(), "created");
}
