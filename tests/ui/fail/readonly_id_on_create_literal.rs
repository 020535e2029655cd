// Read-only properties cannot be sent: `CustomerCreate` has no `id` field, so a struct literal
// cannot set one either.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let base = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    let _body = CustomerCreate {
        id: Some(uuid::Uuid::nil()),
        ..base
    };
}
