// A response's status is what the server sent: `ResponseValue` has no way to change it.
use dintero_customers::types::CustomerTag;
use dintero_customers::ResponseValue;

fn tamper(mut response: ResponseValue<Vec<CustomerTag>>) {
    response.status = response.status();
}

fn main() {}
