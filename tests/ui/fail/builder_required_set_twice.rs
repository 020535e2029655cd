// A required field is set exactly once: after `.postal_place(..)` that setter is gone, so a
// second call (probably a copy-paste mistake) does not compile.
use dintero_customers::types::CustomerAddress;

fn main() {
    let _address = CustomerAddress::builder()
        .address_line("Sommerkroveien 34")
        .postal_place("Oslo")
        .postal_place("Bergen")
        .country("NO")
        .build();
}
