// Body fields with constraints are validated newtypes: the `customer_id` setter takes a
// `CustomerId`, not a `&str`.
use dintero_customers::types::{CustomerCreate, CustomerType};

fn main() {
    let _body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .customer_id("c1")
        .build();
}
