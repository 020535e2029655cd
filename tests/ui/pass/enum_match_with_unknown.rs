// A match that handles `Unknown(_)` is exhaustive, and a value added on the server later lands
// in that arm instead of failing to decode.
use dintero_customers::types::CustomerType;

fn label(kind: &CustomerType) -> String {
    match kind {
        CustomerType::Customer => "customer".into(),
        CustomerType::Company => "company".into(),
        CustomerType::Contact => "contact".into(),
        CustomerType::Employee => "employee".into(),
        CustomerType::Other => "other".into(),
        CustomerType::Unknown(value) => format!("new: {value}"),
    }
}

fn main() {
    assert_eq!(label(&CustomerType::Company), "company");
    let later: CustomerType = serde_json::from_str(r#""partner""#).unwrap();
    assert_eq!(label(&later), "new: partner");
}
