// A mock's answer has the operation's success type: `aid_customers_cid_get` answers one
// `CustomerResponse`, not the list that `aid_customers_get` answers.
use dintero_customers::mock::Mock;

fn main() {
    let mock = Mock::new();
    mock.expect_aid_customers_cid_get().respond(vec![]);
}
