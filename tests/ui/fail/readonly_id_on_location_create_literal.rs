// Read-only properties cannot be sent: the body of "create location" (`aid_location_post`,
// `allOf` of an inline part and `SalesLocation`, hence `Entity`) has no read-only `id`; the
// `SalesLocationResponse` it returns does.
use dintero_customers::types::AidLocationPostBody;

fn main() {
    let _body = AidLocationPostBody {
        id: None,
        ..Default::default()
    };
}
