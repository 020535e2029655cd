// Read-only properties exist where they are read: the response type has `id`, `created_at`,
// `updated_at`, `created_by` and `deleted_at`, with their formats (`uuid`, `date-time`).
use dintero_customers::types::{CustomerResponse, CustomerTag, CustomerTagRequest};

fn main() {
    let customer: CustomerResponse = serde_json::from_value(serde_json::json!({
        "customer_id": "c1",
        "type": "customer",
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-01-02T03:04:06Z",
        "created_by": "admin",
        "deleted_at": null
    }))
    .unwrap();
    assert_eq!(
        customer.id.unwrap().to_string(),
        "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    );
    assert_eq!(
        customer.created_at.unwrap().to_rfc3339(),
        "2024-01-02T03:04:05+00:00"
    );
    assert!(customer.updated_at > customer.created_at);
    assert_eq!(customer.created_by.as_deref(), Some("admin"));
    assert_eq!(customer.deleted_at, None);

    // The tag read back has the read-only fields; the request twin sent to create one does not.
    let tag: CustomerTag = serde_json::from_value(serde_json::json!({
        "tag": "vip",
        "created_at": "2024-01-02T03:04:05Z"
    }))
    .unwrap();
    assert!(tag.created_at.is_some());
    let request = CustomerTagRequest::builder().tag(tag.tag.clone()).build();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({ "tag": "vip" })
    );
}
