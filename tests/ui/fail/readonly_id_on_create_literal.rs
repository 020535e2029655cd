// Read-only properties cannot be sent: `CustomerCreate` has no `id` field, so a struct literal
// cannot set one either.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let base = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    let _body = CustomerCreate {
        id: Some("3fa85f64-5717-4562-b3fc-2c963f66afa6".into()),
        ..base
    };
}
