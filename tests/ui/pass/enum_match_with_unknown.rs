// A value the server adds later lands in the `Unknown(_)` arm instead of failing to decode. The
// enum is `#[non_exhaustive]`, so the match also has a wildcard arm: a value added to the spec
// later (a new variant after regenerating) lands there, and this code still compiles.
use dintero_customers::types::CustomerType;

fn label(kind: &CustomerType) -> String {
    match kind {
        CustomerType::Customer => "customer".into(),
        CustomerType::Company => "company".into(),
        CustomerType::Contact => "contact".into(),
        CustomerType::Employee => "employee".into(),
        CustomerType::Other => "other".into(),
        CustomerType::Unknown(value) => format!("new: {value}"),
        _ => "added to the spec later".into(),
    }
}

fn main() {
    assert_eq!(label(&CustomerType::Company), "company");
    let later: CustomerType = serde_json::from_str(r#""partner""#).unwrap();
    assert_eq!(label(&later), "new: partner");
}
