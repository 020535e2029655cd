// `format: date` is a real date type: `date_of_birth` takes a `chrono::NaiveDate`, not a string.
use dintero_customers::types::CustomerUpdate;

fn main() {
    let _body = CustomerUpdate::builder()
        .date_of_birth("1990-09-20")
        .build();
}
