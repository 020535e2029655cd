// Only decoding creates an unknown value: a caller cannot build `Unknown("customer")` that would
// differ from `CustomerType::Customer` (the field of `UnknownValue` is private).
use dintero_customers::types::CustomerType;
use dintero_customers::UnknownValue;

fn main() {
    let _kind = CustomerType::Unknown(UnknownValue("customer".into()));
}
