// A required body field must be set in a struct literal too: `CustomerAddress` needs
// `postal_place` (there is no `Default` to fill it in).
use dintero_customers::types::CustomerAddress;

fn main() {
    let _address = CustomerAddress {
        address_line: "Sommerkroveien 34".into(),
        address_line_2: None,
        postal_code: None,
        country: "NO".into(),
        latitude: None,
        longitude: None,
        type_: None,
        custom_type: None,
        comment: None,
        additional_properties: Default::default(),
    };
}
