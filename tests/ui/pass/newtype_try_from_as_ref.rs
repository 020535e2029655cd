// Constrained strings are validated newtypes: `new`, `TryFrom<&str>`, `TryFrom<String>` and
// `FromStr` validate; `AsRef<str>`, `Display`, `as_str` and `String::from` read; decoding
// keeps the value as sent, and `validate` checks it.
use dintero_customers::types::{AccountId, CustomerId, PhoneNumber};

fn takes_str(value: impl AsRef<str>) -> usize {
    value.as_ref().len()
}

fn main() {
    let aid = AccountId::try_from("T12345678").unwrap();
    assert_eq!(aid.as_ref(), "T12345678");
    assert_eq!(takes_str(&aid), 9);
    assert_eq!(aid.to_string(), "T12345678");
    assert_eq!(String::from(aid.clone()), "T12345678");
    assert_eq!("T12345678".parse::<AccountId>().unwrap(), aid);
    assert!(AccountId::try_from("X12345678").is_err());
    assert!(AccountId::try_from(String::from("T1234")).is_err());

    let cid: CustomerId = "c1".try_into().unwrap();
    assert_eq!(cid.as_str(), "c1");
    assert!(CustomerId::try_from("x".repeat(256).as_str()).is_err());

    assert!(PhoneNumber::new("+4799999999").is_ok());
    // Decoding keeps a server's value as sent; `validate` checks it.
    let sent: AccountId = serde_json::from_str(r#""nope""#).unwrap();
    assert!(sent.validate().is_err());
    assert_eq!(
        serde_json::from_str::<AccountId>(r#""P00000001""#)
            .unwrap()
            .as_str(),
        "P00000001"
    );
}
