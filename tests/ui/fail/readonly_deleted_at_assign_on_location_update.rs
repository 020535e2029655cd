// Read-only properties cannot be sent: assigning the read-only `deleted_at` (from `Entity`) on a
// `SalesLocation` update body does not compile; `SalesLocationResponse` has the field.
use dintero_customers::types::SalesLocation;

fn main() {
    let mut body = SalesLocation::default();
    body.deleted_at = None;
}
