// An expectation's body matcher takes the operation's body type: creating a customer sends a
// `CustomerCreate`, so a `CustomerUpdate` cannot be what a call is matched on.
use dintero_customers::mock::Mock;
use dintero_customers::types::CustomerUpdate;

fn expect(mock: &Mock, update: CustomerUpdate) {
    let _expectation = mock.expect_aid_customers_post().body(update);
}

fn main() {}
