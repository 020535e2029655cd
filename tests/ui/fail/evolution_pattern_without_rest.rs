// Why code written against v1 keeps compiling against v2 when a struct grows: a pattern that
// names every field of a v1 struct without `..` is refused already against v1, because the
// struct is `#[non_exhaustive]` (v2's `Pet.age` would be missing from it).
use evolution::v1::types::Pet;

fn name(pet: Pet) -> String {
    let Pet {
        id: _,
        name,
        kind: _,
        shape: _,
        additional_properties: _,
    } = pet;
    name
}

fn main() {
    let _ = name(Pet::builder().id("p1").name("Rex").build());
}
