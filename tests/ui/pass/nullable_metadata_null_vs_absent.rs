// `metadata` is optional and nullable: `Nullable::Absent` leaves it out, `Nullable::Null` sends
// `null` (clears it), a map sets it; a `null` for one key inside the map is kept (unsets that
// key only). Decoding keeps the same three cases apart.
use std::collections::BTreeMap;

use dintero_customers::types::{CustomerCreate, CustomerResponse, CustomerType};
use dintero_customers::Nullable;
use serde_json::{json, Value};

fn main() {
    let absent = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    assert_eq!(
        serde_json::to_value(&absent).unwrap(),
        json!({ "type": "customer" })
    );

    let cleared = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .metadata(Nullable::Null)
        .build();
    assert_eq!(
        serde_json::to_value(&cleared).unwrap(),
        json!({ "type": "customer", "metadata": null })
    );

    let mut map = BTreeMap::new();
    map.insert("dob_year".to_string(), json!(1985));
    map.insert("nickname".to_string(), Value::Null);
    let one_key_unset = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .metadata(map.clone())
        .build();
    assert_eq!(
        serde_json::to_value(&one_key_unset).unwrap(),
        json!({ "type": "customer", "metadata": { "dob_year": 1985, "nickname": null } })
    );
    assert_eq!(one_key_unset.metadata, Nullable::Value(map));

    let decode = |text: &str| {
        serde_json::from_str::<CustomerResponse>(text)
            .unwrap()
            .metadata
    };
    assert_eq!(
        decode(r#"{"customer_id":"c1","type":"customer"}"#),
        Nullable::Absent
    );
    assert_eq!(
        decode(r#"{"customer_id":"c1","type":"customer","metadata":null}"#),
        Nullable::Null
    );
    let kept = decode(r#"{"customer_id":"c1","type":"customer","metadata":{"k":null}}"#);
    assert_eq!(kept.as_value().and_then(|m| m.get("k")), Some(&Value::Null));
}
