// Read-only properties cannot be sent: the builder of `SalesLocation` ("update location") has no
// setter for the read-only `created_by` it inherits from `Entity` (`SalesLocationResponse` has it).
use dintero_customers::types::SalesLocation;

fn main() {
    let _body = SalesLocation::builder()
        .name("Oslo")
        .created_by("admin")
        .build();
}
