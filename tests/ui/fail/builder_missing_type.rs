// A required body field must be set: `CustomerCreate` needs `type`, so `build()` without
// `.type_(..)` does not compile, and the message names the field and the setter to call.
use dintero_customers::types::CustomerCreate;

fn main() {
    let _body = CustomerCreate::builder().first_name("Ada").build();
}
