// Optional *and* nullable fields are `Nullable`, not `Option`: "absent", "null" and "a value"
// are three different things, so `None` does not silently mean one of them.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let mut body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    body.metadata = None;
}
