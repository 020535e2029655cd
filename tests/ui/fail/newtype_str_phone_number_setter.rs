// Body fields with a pattern are validated newtypes: `phone_number` takes a `PhoneNumber`
// (E.164), not a `&str`.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate::builder()
        .phone_number("+4799999999")
        .build();
}
