// Read-only properties cannot be sent: the create builder has no `id` setter.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let _body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .id("3fa85f64-5717-4562-b3fc-2c963f66afa6")
        .build();
}
