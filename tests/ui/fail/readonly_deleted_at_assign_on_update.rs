// Read-only properties cannot be sent: assigning `deleted_at` on an update body does not compile.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let mut body = CustomerUpdate::default();
    body.deleted_at = None;
}
