//! Behaviour of the generated types that a user relies on: three-state nullable fields,
//! enums that survive new server values, newtypes that can only hold valid values, and
//! request shapes that cannot carry read-only fields.

use dintero_customers::types::*;
use dintero_customers::{Nullable, UnknownValue};
use serde_json::json;

fn minimal_create() -> CustomerCreate {
    serde_json::from_value(json!({ "type": "customer" })).expect("a minimal create body decodes")
}

#[test]
fn metadata_is_absent_null_or_set_and_keeps_null_keys() {
    let mut body = minimal_create();
    assert_eq!(body.metadata, Nullable::Absent);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({ "type": "customer" })
    );

    body.metadata = Nullable::Null;
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({ "type": "customer", "metadata": null })
    );

    let mut metadata = std::collections::BTreeMap::new();
    metadata.insert("dob_year".to_string(), json!(1985));
    metadata.insert("unset_me".to_string(), serde_json::Value::Null);
    body.metadata = Nullable::Value(metadata);
    let sent = serde_json::to_value(&body).unwrap();
    assert_eq!(
        sent["metadata"],
        json!({ "dob_year": 1985, "unset_me": null })
    );

    // And back: a received explicit null stays distinguishable from absence.
    let got: CustomerResponse =
        serde_json::from_value(json!({ "customer_id": "c1", "type": "company", "metadata": null }))
            .unwrap();
    assert_eq!(got.metadata, Nullable::Null);
    let got: CustomerResponse =
        serde_json::from_value(json!({ "customer_id": "c1", "type": "company" })).unwrap();
    assert_eq!(got.metadata, Nullable::Absent);
}

#[test]
fn unknown_enum_values_round_trip_unchanged() {
    let got: CustomerResponse =
        serde_json::from_value(json!({ "customer_id": "c1", "type": "robot" }))
            .expect("new enum values decode");
    match &got.type_ {
        CustomerType::Unknown(value) => assert_eq!(value.as_str(), "robot"),
        other => panic!("expected the fallback variant, got {other:?}"),
    }
    assert_eq!(serde_json::to_value(&got).unwrap()["type"], json!("robot"));
    assert_eq!(got.type_.to_string(), "robot");
}

#[test]
fn enum_display_and_from_str_agree_and_reject_unknown_input() {
    for value in ["customer", "company", "contact", "employee", "other"] {
        let parsed: CustomerType = value.parse().unwrap();
        assert_eq!(parsed.to_string(), value);
        assert_eq!(parsed.as_str(), value);
    }
    let err = "custmer".parse::<CustomerType>().unwrap_err();
    assert!(err.to_string().contains("`customer`"), "{err}");
    let _: Option<UnknownValue> = None; // the fallback payload type is public, its constructor is not
}

#[test]
fn account_ids_are_validated_against_the_regex_in_format() {
    assert!(AccountId::new("T12345678").is_ok());
    assert!(AccountId::try_from("P00000001").is_ok());
    for bad in ["T1234567", "X12345678", "T123456789", "t12345678", ""] {
        assert!(AccountId::new(bad).is_err(), "{bad} must be rejected");
    }
    // Decoding takes the server's value as sent; `validate` tells whether it meets the spec.
    let sent: AccountId = serde_json::from_value(json!("T12345678")).unwrap();
    assert!(sent.validate().is_ok());
    let odd: AccountId = serde_json::from_value(json!("stringstr")).unwrap();
    assert_eq!(odd.as_str(), "stringstr");
    assert!(odd.validate().is_err());
}

#[test]
fn customer_ids_are_limited_to_255_characters() {
    assert!(CustomerId::new("a".repeat(255)).is_ok());
    let err = CustomerId::new("a".repeat(256)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid CustomerId: must be at most 255 characters long, got 256"
    );
    let id: CustomerId = "a/b c".parse().unwrap();
    assert_eq!(id.as_ref(), "a/b c");
}

#[test]
fn phone_numbers_are_e164() {
    assert!(PhoneNumber::new("+4799999999").is_ok());
    assert!(PhoneNumber::new("4799999999").is_ok());
    assert!(PhoneNumber::new("+0123").is_err());
    assert!(PhoneNumber::new("+47 999 99 999").is_err());
}

#[test]
fn read_only_fields_are_never_sent_but_are_received() {
    // A server echo full of read-only fields decodes into the request shape without them ...
    let echoed = json!({
        "id": "5f0c3f1e-7c56-4a2c-9b1e-0d8d1d3f5b8e",
        "created_at": "2024-01-02T03:04:05Z",
        "created_by": "someone",
        "type": "customer",
        "first_name": "Ada"
    });
    let create: CustomerCreate = serde_json::from_value(echoed.clone()).unwrap();
    let sent = serde_json::to_value(&create).unwrap();
    for read_only in [
        "id",
        "created_at",
        "created_by",
        "updated_at",
        "deleted_at",
        "deleted_by",
    ] {
        assert!(
            sent.get(read_only).is_none(),
            "{read_only} must not be sent"
        );
    }
    // ... while the response shape carries them.
    let mut response = echoed;
    response["customer_id"] = json!("c1");
    let got: CustomerResponse = serde_json::from_value(response).unwrap();
    assert!(got.id.is_some() && got.created_at.is_some());

    // A schema used both ways gets a request twin without the read-only fields.
    let tag: CustomerTagRequest =
        serde_json::from_value(json!({ "tag": "VIP", "id": "x" })).unwrap();
    assert_eq!(serde_json::to_value(&tag).unwrap(), json!({ "tag": "VIP" }));
}

#[test]
fn discriminated_token_types_decode_by_tag() {
    let sha: AutoTokenType = serde_json::from_value(json!({ "type": "SHA256" })).unwrap();
    assert_eq!(sha, AutoTokenType::Sha256(Sha256::default()));
    let hmac: AutoTokenType =
        serde_json::from_value(json!({ "type": "HMAC-SHA256", "secret": "s" })).unwrap();
    assert_eq!(
        hmac,
        AutoTokenType::HmacSha256(HmacSha256::builder().secret("s").build())
    );
    assert_eq!(
        serde_json::to_value(&hmac).unwrap(),
        json!({ "type": "HMAC-SHA256", "secret": "s" })
    );
}

#[test]
fn custom_marketing_consents_sit_beside_sms_and_email() {
    let consent = json!({
        "sms": { "consent": true },
        "newsletter": { "consent": false, "updated_at": "2018-01-12T13:42:00Z" }
    });
    let got: MarketingConsent = serde_json::from_value(consent.clone()).unwrap();
    assert_eq!(got.sms.as_ref().and_then(|s| s.consent), Some(true));
    assert_eq!(got.additional_properties["newsletter"].consent, Some(false));
    assert_eq!(serde_json::to_value(&got).unwrap(), consent);
}

#[test]
fn unknown_fields_from_the_server_are_tolerated() {
    let got: AccessToken = serde_json::from_value(json!({
        "access_token": "t", "token_type": "Bearer", "expires_in": 60, "brand_new_field": [1, 2]
    }))
    .unwrap();
    assert_eq!(got.expires_in, 60);
}

#[test]
fn unknown_token_types_are_kept_not_rejected() {
    let sent = json!({ "type": "SHA512", "salt": "x" });
    let got: AutoTokenType = serde_json::from_value(sent.clone()).expect("a new tag decodes");
    assert!(matches!(got, AutoTokenType::Unknown(_)));
    assert_eq!(serde_json::to_value(&got).unwrap(), sent);
    // A known tag with a broken payload is still an error, not silently unknown.
    assert!(serde_json::from_value::<AutoTokenType>(json!({ "type": "HMAC-SHA256" })).is_err());
}

#[test]
fn debug_never_shows_secrets() {
    let token: AccessToken = serde_json::from_value(json!({
        "access_token": "eyJ-very-secret", "token_type": "Bearer", "expires_in": 60, "refresh_token": "r-secret"
    }))
    .unwrap();
    let shown = format!("{token:?}");
    assert!(
        !shown.contains("very-secret") && !shown.contains("r-secret"),
        "{shown}"
    );
    assert!(shown.contains("expires_in: 60"), "{shown}");

    let mut body = minimal_create();
    body.password = Some("hunter2".into());
    let shown = format!("{body:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("password: Some([REDACTED])"), "{shown}");
}

#[test]
fn builders_produce_the_same_body_as_the_wire_format() {
    let mut metadata = std::collections::BTreeMap::new();
    metadata.insert("dob_year".to_string(), json!(1985));
    let body = CustomerCreate::builder()
        .type_(CustomerType::Company)
        .customer_id(CustomerId::new("c-1").unwrap())
        .email("ops@example.com")
        .metadata(metadata)
        .build();
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({ "type": "company", "customer_id": "c-1", "email": "ops@example.com", "metadata": { "dob_year": 1985 } })
    );

    // Optional setters may be called again (last wins) and accept an explicit null.
    let body = CustomerCreate::builder()
        .metadata(Nullable::Value(Default::default()))
        .metadata(Nullable::Null)
        .type_(CustomerType::Customer)
        .build();
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({ "type": "customer", "metadata": null })
    );
    assert_eq!(
        body,
        serde_json::from_value(json!({ "type": "customer", "metadata": null })).unwrap()
    );
}

#[test]
fn builder_debug_shows_no_field_values() {
    let builder = AidCustomersChangePasswordBody::builder().email("someone@example.com");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("someone@example.com"), "{shown}");
}

#[test]
fn properties_the_spec_does_not_name_survive_a_read_modify_write() {
    let sent = json!({
        "customer_id": "c1",
        "type": "customer",
        "first_name": "Ada",
        "loyalty_tier": {"level": 3, "since": "2020-01-01"}
    });
    let mut customer: CustomerResponse = serde_json::from_value(sent).unwrap();
    assert_eq!(
        customer.additional_properties["loyalty_tier"]["level"],
        json!(3)
    );
    customer.first_name = Some("Grace".into());
    let back = serde_json::to_value(&customer).unwrap();
    assert_eq!(back["first_name"], json!("Grace"));
    assert_eq!(
        back["loyalty_tier"],
        json!({"level": 3, "since": "2020-01-01"})
    );
}

#[test]
fn date_times_keep_the_offset_the_server_sent() {
    let got: CustomerResponse = serde_json::from_value(json!({
        "customer_id": "c1",
        "type": "customer",
        "created_at": "2014-08-09T08:02:04+12:00"
    }))
    .unwrap();
    let back = serde_json::to_value(&got).unwrap();
    assert_eq!(back["created_at"], json!("2014-08-09T08:02:04+12:00"));
}

/// Dates and date-times are read as servers write them, beyond RFC 3339: a date written as a
/// midnight date-time, a date-time without an offset (read as UTC); they are written back in
/// RFC 3339. What is no date at all still fails, naming the field.
#[test]
fn dates_and_date_times_read_as_servers_write_them() {
    let got: CustomerResponse = serde_json::from_value(json!({
        "customer_id": "c1",
        "type": "customer",
        "date_of_birth": "1990-09-20T00:00:00",
        "created_at": "2019-09-23T02:13:29",
    }))
    .expect("decodes");
    assert_eq!(got.date_of_birth, chrono::NaiveDate::from_ymd_opt(1990, 9, 20));
    let created = got.created_at.expect("created_at");
    assert_eq!(created.to_rfc3339(), "2019-09-23T02:13:29+00:00");
    let sent = serde_json::to_value(&got).unwrap();
    assert_eq!(sent["date_of_birth"], json!("1990-09-20"));

    let offset: CustomerResponse = serde_json::from_value(json!({
        "customer_id": "c1", "type": "customer", "created_at": "2019-09-23T02:13:29+02:00",
    }))
    .unwrap();
    assert_eq!(offset.created_at.unwrap().offset().local_minus_utc(), 7200);

    let err = serde_json::from_value::<CustomerResponse>(json!({
        "customer_id": "c1", "type": "customer", "date_of_birth": "next spring",
    }))
    .unwrap_err();
    assert!(err.to_string().contains("\"next spring\""), "{err}");
}
