// Read-only properties cannot be sent: `CustomerUpdate` has no `created_at` field.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate {
        created_at: None,
        ..Default::default()
    };
}
