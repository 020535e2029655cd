// Read-only properties cannot be sent: the create builder has no `id` setter.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let _body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .id(uuid::Uuid::nil())
        .build();
}
