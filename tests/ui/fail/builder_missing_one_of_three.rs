// Every required field is tracked on its own: an address with `address_line` and `country` but
// no `postal_place` does not build, and the message names the one that is missing.
use dintero_customers::types::CustomerAddress;

fn main() {
    let _address = CustomerAddress::builder()
        .address_line("Sommerkroveien 34")
        .country("NO")
        .build();
}
