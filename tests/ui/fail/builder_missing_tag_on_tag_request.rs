// A required body field must be set: the body of "create tag" needs its `tag`.
use dintero_customers::types::CustomerTagRequest;

fn main() {
    let _body = CustomerTagRequest::builder().build();
}
