// A validated value stays valid: the inner string of a newtype cannot be reached and changed.
use dintero_customers::types::AccountId;

fn main() {
    let mut aid = AccountId::new("T12345678").unwrap();
    aid.0.push_str("not an account id");
}
