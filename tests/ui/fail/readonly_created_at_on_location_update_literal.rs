// Read-only properties cannot be sent: `SalesLocation`, the body of "update location"
// (`aid_location_lid_put`), inherits `Entity`'s read-only `created_at`, which only the
// `SalesLocationResponse` read back has: an update literal cannot set it.
use dintero_customers::types::SalesLocation;

fn main() {
    let _body = SalesLocation {
        created_at: None,
        ..Default::default()
    };
}
