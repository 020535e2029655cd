// Read-only properties cannot be sent: `TermsAndConditions` is used both ways, and the request
// twin `TermsAndConditionsRequest` (body of `aid_customers_terms_post`) has no read-only
// `deleted_at` (from `Entity`), which the `TermsAndConditions` read back has.
use dintero_customers::types::TermsAndConditionsRequest;

fn main() {
    let base = TermsAndConditionsRequest::builder().terms("Be nice.").build();
    let _body = TermsAndConditionsRequest {
        deleted_at: None,
        ..base
    };
}
