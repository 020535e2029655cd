// String enums are Rust enums: `type_` takes a `CustomerType`, not a `&str`
// (parse one with `"customer".parse::<CustomerType>()`).
use dintero_customers::types::CustomerCreate;

fn main() {
    let _body = CustomerCreate::builder().type_("customer").build();
}
