// Read-only properties cannot be sent: `CustomerUpdate` has no `deleted_at` field.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate {
        deleted_at: None,
        ..Default::default()
    };
}
