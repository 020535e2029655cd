// Generated structs are `#[non_exhaustive]` (so upstream may add optional properties): outside
// the crate a struct literal is refused even when it names every field, here `CustomerAddress`'s.
// `CustomerAddress::builder()` makes one; its `build()` checks the required fields instead.
use dintero_customers::types::CustomerAddress;

fn main() {
    let _address = CustomerAddress {
        address_line: "Sommerkroveien 34".into(),
        address_line_2: None,
        postal_code: None,
        postal_place: "Oslo".into(),
        country: "NO".into(),
        latitude: None,
        longitude: None,
        type_: None,
        custom_type: None,
        comment: None,
        additional_properties: Default::default(),
    };
}
