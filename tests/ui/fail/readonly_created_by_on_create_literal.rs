// Read-only properties cannot be sent: `CustomerCreate` has no `created_by` field.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let base = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    let _body = CustomerCreate {
        created_by: Some("admin".into()),
        ..base
    };
}
