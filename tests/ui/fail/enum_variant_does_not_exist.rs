// Only the spec's values exist as variants: there is no `CustomerType::Robot`.
use dintero_customers::types::CustomerType;

fn main() {
    let _kind = CustomerType::Robot;
}
