// With several required fields unset, the compiler names each of them (not just the first).
use dintero_customers::types::MfaAuth;

fn main() {
    let _auth = MfaAuth::builder().ident("+4799999999").build();
}
