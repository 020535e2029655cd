// Read-only properties cannot be sent: `CustomerUpdate` has no `id` field either.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate {
        id: None,
        ..Default::default()
    };
}
