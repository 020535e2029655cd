// Upstream adds an optional property (`Pet.age`): the generated struct is `#[non_exhaustive]`, so
// downstream code builds it with its builder (also a response type, for a test's mock), reads
// and assigns fields, and destructures it with `..`; all of that compiles against v2 too.
include!("../evolution/on_v1_and_v2.rs");

on_v1_and_v2! {
    use api::types::{Pet, PetKind};

    /// A mock of what the server sends, as a downstream test makes one.
    pub fn mock() -> Pet {
        Pet::builder()
            .id("p1")
            .name("Rex")
            .kind(PetKind::Dog)
            .build()
    }

    pub fn renamed(mut pet: Pet) -> Pet {
        pet.name = format!("{} II", pet.name);
        pet
    }

    pub fn name(pet: &Pet) -> &str {
        let Pet { name, .. } = pet;
        name
    }

    pub fn wire() -> serde_json::Value {
        serde_json::to_value(renamed(mock())).unwrap()
    }
}

fn main() {
    let expected = serde_json::json!({"id": "p1", "name": "Rex II", "kind": "dog"});
    assert_eq!(v1::wire(), expected);
    assert_eq!(v2::wire(), expected);
    assert_eq!(v1::name(&v1::mock()), "Rex");
    assert_eq!(v2::name(&v2::mock()), "Rex");
}
