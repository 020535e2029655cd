// Upstream adds an enum value (`PetKind` gains `bird`): the generated enum is `#[non_exhaustive]`,
// so every downstream `match` has a wildcard arm, and code written against v1 compiles against v2.
// The same body is compiled against both generated releases.
include!("../evolution/on_v1_and_v2.rs");

on_v1_and_v2! {
    pub fn label(kind: &api::types::PetKind) -> &'static str {
        match kind {
            api::types::PetKind::Cat => "cat",
            api::types::PetKind::Dog => "dog",
            _ => "other",
        }
    }

    pub fn label_of(json: &str) -> &'static str {
        label(&serde_json::from_str(json).unwrap())
    }
}

fn main() {
    for label_of in [v1::label_of, v2::label_of] {
        assert_eq!(label_of(r#""dog""#), "dog");
        // v1 reads it as `Unknown`, v2 as `Bird`: the wildcard arm either way.
        assert_eq!(label_of(r#""bird""#), "other");
    }
}
