// The discriminated union is typed per variant: the `HMAC-SHA256` variant carries an `HmacSha256`,
// which cannot be built without its `secret`.
use dintero_customers::types::{AutoTokenType, HmacSha256};

fn main() {
    let _token = AutoTokenType::HmacSha256(HmacSha256::builder().build());
}
