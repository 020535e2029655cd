// An expectation takes effect once given its answer: one left without is a warning (an error
// here), not a silently unchecked call.
#![deny(unused_must_use)]
use dintero_customers::mock::Mock;

fn main() {
    let mock = Mock::new();
    mock.expect_aid_customers_tags_get().times(1);
}
