// Read-only properties cannot be sent: the update builder has no `updated_at` setter.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate::builder()
        .first_name("Ada")
        .updated_at("2024-01-01T00:00:00Z")
        .build();
}
