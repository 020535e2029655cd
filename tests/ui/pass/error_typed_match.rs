// Errors are typed: `Error<E>` carries the spec's error body `E` for documented error statuses,
// and its other variants (transport, timeout, unexpected status, decode) can be matched too.
use dintero_customers::types;
use dintero_customers::Error;

fn describe(error: &Error<types::ApiError>) -> String {
    match error {
        Error::ErrorResponse(response) => {
            let body: &types::ApiError = response.as_ref();
            format!("{} {}", response.status().as_u16(), body.error.message)
        }
        Error::UnexpectedResponse { status, body, .. } => format!("unexpected {status}: {body}"),
        Error::Timeout => "timeout".to_string(),
        other => other.to_string(),
    }
}

fn assert_error<T: std::error::Error + Send + Sync + 'static>(_: &T) {}

fn main() {
    let timeout = Error::<types::ApiError>::Timeout;
    assert_error(&timeout);
    assert_eq!(describe(&timeout), "timeout");
}
