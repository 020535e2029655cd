// A schema used in both directions gets a request twin without its read-only fields: the tag
// read back has `created_at`, the `CustomerTagRequest` sent to create one does not.
use dintero_customers::types::CustomerTagRequest;

fn main() {
    let _body = CustomerTagRequest::builder()
        .tag("vip")
        .created_at(chrono::DateTime::<chrono::Utc>::default())
        .build();
}
