// Read-only properties cannot be sent: the create builder has no `created_at` setter.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let _body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .created_at(chrono::DateTime::<chrono::Utc>::default())
        .build();
}
