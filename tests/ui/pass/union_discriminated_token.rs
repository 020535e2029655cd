// The discriminated union `AutoTokenType` is an enum tagged by `type`: each variant carries its
// own struct, serialises with its tag, and an object with an unknown tag is kept as it is.
use dintero_customers::types::{AutoTokenType, AutoTokens, HmacSha256, Sha256};
use serde_json::json;

fn main() {
    let hmac = AutoTokenType::HmacSha256(HmacSha256::builder().secret("s3cr3t").build());
    assert_eq!(
        serde_json::to_value(&hmac).unwrap(),
        json!({ "type": "HMAC-SHA256", "secret": "s3cr3t" })
    );
    let sha = AutoTokenType::Sha256(Sha256::default());
    assert_eq!(
        serde_json::to_value(&sha).unwrap(),
        json!({ "type": "SHA256" })
    );

    let decoded: AutoTokenType =
        serde_json::from_value(json!({ "type": "HMAC-SHA256", "secret": "k" })).unwrap();
    assert!(matches!(&decoded, AutoTokenType::HmacSha256(h) if h.secret == "k"));

    let future = json!({ "type": "SHA512", "rounds": 3 });
    let unknown: AutoTokenType = serde_json::from_value(future.clone()).unwrap();
    assert!(matches!(unknown, AutoTokenType::Unknown(_)));
    assert_eq!(serde_json::to_value(&unknown).unwrap(), future);

    let tokens = AutoTokens::builder().email(vec![sha, hmac]).build();
    let back: AutoTokens = serde_json::from_value(serde_json::to_value(&tokens).unwrap()).unwrap();
    assert_eq!(back, tokens);
}
