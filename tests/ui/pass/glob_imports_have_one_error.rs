// The spec's schema `Error` is `types::ApiError`, so the runtime's `Error` at the crate root and
// every generated type can be glob-imported together without an ambiguous name.
use dintero_customers::types::*;
use dintero_customers::*;

fn describe(err: &Error<ApiError>) -> String {
    if err.is_not_found() {
        return "no such customer".to_owned();
    }
    match err.error_body() {
        Some(body) => format!("{err}: {:?}", body.error),
        None => err.to_string(),
    }
}

fn main() {
    let _client: Option<Client> = None;
    let _ = describe(&Error::Timeout);
}
