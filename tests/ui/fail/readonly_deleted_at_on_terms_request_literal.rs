// Read-only properties cannot be sent: `TermsAndConditions` is used both ways, and the request
// twin `TermsAndConditionsRequest` (body of `aid_customers_terms_post`) has no read-only
// `deleted_at` (from `Entity`), which the `TermsAndConditions` read back has.
use dintero_customers::types::TermsAndConditionsRequest;

fn main() {
    let _body = TermsAndConditionsRequest {
        terms: "Be nice.".into(),
        deleted_at: None,
    };
}
