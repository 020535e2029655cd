// Optional fields can be left out: a create body with only its required `type` builds, and
// sends nothing but `type` (no `null`s for the fields not set).
use dintero_customers::types::{CustomerCreate, CustomerType, CustomerUpdate};

fn main() {
    let body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    assert_eq!(body.first_name, None);
    assert_eq!(body.customer_id, None);
    assert!(body.metadata.is_absent());
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({ "type": "customer" })
    );

    // An update has no required field at all: the empty update is `{}`.
    let update = CustomerUpdate::builder().build();
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        serde_json::json!({})
    );
}
