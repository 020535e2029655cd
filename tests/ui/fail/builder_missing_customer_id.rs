// A required body field must be set: a `contact_for` entry needs the `customer_id` it points at.
use dintero_customers::types::BasicUserContactForItem;

fn main() {
    let _item = BasicUserContactForItem::builder().build();
}
