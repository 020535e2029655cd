// Optional setters take `impl Into<T>`: `&str` and `String` for text, a `Vec` for lists, a
// validated newtype for constrained strings; required fields can be set in any order.
use dintero_customers::types::{
    CustomerAddress, CustomerAddressType, CustomerCreate, CustomerId, CustomerType, PhoneNumber,
};

fn main() {
    let last = String::from("Lovelace");
    let address = CustomerAddress::builder()
        .country("NO")
        .postal_place(String::from("Oslo"))
        .address_line("Sommerkroveien 34")
        .postal_code("0349")
        .latitude(59.942112)
        .type_(CustomerAddressType::Home)
        .build();
    let body = CustomerCreate::builder()
        .first_name("Ada")
        .last_name(last)
        .phone_number(PhoneNumber::new("+4799999999").unwrap())
        .customer_id(CustomerId::try_from("c1").unwrap())
        .addresses(vec![address.clone()])
        .type_(CustomerType::Customer)
        .build();
    assert_eq!(body.first_name.as_deref(), Some("Ada"));
    assert_eq!(body.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(body.addresses, Some(vec![address]));
    assert_eq!(body.customer_id.as_ref().map(|id| id.as_str()), Some("c1"));
    assert_eq!(body.type_, CustomerType::Customer);
}
