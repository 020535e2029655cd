// Why code written against v1 keeps compiling against v2: a `match` that names every variant of
// a v1 enum (its `Unknown` fallback included) is refused already against v1, because the enum
// is `#[non_exhaustive]`; every downstream `match` has a wildcard arm that v2's `Bird` lands in.
use evolution::v1::types::PetKind;

fn label(kind: &PetKind) -> &'static str {
    match kind {
        PetKind::Cat => "cat",
        PetKind::Dog => "dog",
        PetKind::Unknown(_) => "unknown",
    }
}

fn main() {
    let _ = label(&PetKind::Cat);
}
