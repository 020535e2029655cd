// A newtype can only hold a valid value: its field is private, so `CustomerId(..)` cannot skip
// `CustomerId::new`.
use dintero_customers::types::CustomerId;

fn main() {
    let _id = CustomerId("x".repeat(300));
}
