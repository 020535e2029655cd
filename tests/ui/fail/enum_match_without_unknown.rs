// A match on a generated enum must handle values added on the server (`Unknown(_)`) and values
// added to the spec later (the enum is `#[non_exhaustive]`): without a wildcard arm the match is
// not exhaustive.
use dintero_customers::types::CustomerType;

fn label(kind: &CustomerType) -> &'static str {
    match kind {
        CustomerType::Customer => "customer",
        CustomerType::Company => "company",
        CustomerType::Contact => "contact",
        CustomerType::Employee => "employee",
        CustomerType::Other => "other",
    }
}

fn main() {
    let _ = label(&CustomerType::Customer);
}
