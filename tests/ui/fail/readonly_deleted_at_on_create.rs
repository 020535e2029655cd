// Read-only properties cannot be sent: the create builder has no `deleted_at` setter.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let _body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .deleted_at(chrono::DateTime::<chrono::Utc>::default())
        .build();
}
