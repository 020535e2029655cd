// String enums: `Display`/`as_str` give the wire value, strict `FromStr` parses it back; an
// unknown value does not parse, but decodes into `Unknown` and is sent back unchanged.
use dintero_customers::types::{AidCustomersGetType, CustomerAddressType, CustomerType};

fn main() {
    for kind in [
        CustomerType::Customer,
        CustomerType::Company,
        CustomerType::Contact,
        CustomerType::Employee,
        CustomerType::Other,
    ] {
        let text = kind.to_string();
        assert_eq!(text, kind.as_str());
        assert_eq!(text.parse::<CustomerType>().unwrap(), kind);
        assert_eq!(
            serde_json::to_value(&kind).unwrap(),
            serde_json::json!(text)
        );
    }
    assert_eq!(
        "any".parse::<AidCustomersGetType>().unwrap(),
        AidCustomersGetType::Any
    );
    assert_eq!(CustomerAddressType::Work.to_string(), "work");

    assert!("robot".parse::<CustomerType>().is_err());
    let robot: CustomerType = serde_json::from_str(r#""robot""#).unwrap();
    assert!(matches!(robot, CustomerType::Unknown(ref value) if value.as_str() == "robot"));
    assert_eq!(robot.to_string(), "robot");
    assert_eq!(serde_json::to_string(&robot).unwrap(), r#""robot""#);
}
