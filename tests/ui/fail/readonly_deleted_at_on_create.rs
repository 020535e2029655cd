// Read-only properties cannot be sent: the create builder has no `deleted_at` setter.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let _body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .deleted_at("2024-01-01T00:00:00Z")
        .build();
}
