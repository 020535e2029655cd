// Read-only properties cannot be sent: the body of "add customer token"
// (`aid_customers_cid_tokens_post`, `allOf` of an inline part and `CustomerToken`, hence `Entity`)
// has no `updated_at` setter; the `CustomerToken` read back has the field.
use dintero_customers::types::AidCustomersCidTokensPostBody;

fn main() {
    let _builder = AidCustomersCidTokensPostBody::builder()
        .updated_at(chrono::DateTime::<chrono::Utc>::default());
}
