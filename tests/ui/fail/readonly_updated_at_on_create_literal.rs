// Read-only properties cannot be sent: `CustomerCreate` has no `updated_at` field.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let base = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    let _body = CustomerCreate {
        updated_at: None,
        ..base
    };
}
