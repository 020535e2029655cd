// Read-only properties cannot be sent: the update builder has no `created_by` setter.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate::builder().created_by("admin").build();
}
