// Everything a downstream crate names to configure and call the client is reachable from the
// generated crate's root (this case names no `codegen_runtime` path): URLs, statuses, headers,
// secrets, auth and configuration errors, the transport, and the runtime itself as a module.
use dintero_customers::{
    runtime, AuthError, Client, ClientConfig, ConfigError, HeaderMap, Secret, StatusCode,
    Transport, Url,
};

fn build(base: &str, token: &str) -> Result<Client, ConfigError> {
    let base: Url = base.parse().expect("a URL");
    let transport: Transport = Client::config()
        .base_url(base)
        .bearer_token(Secret::from(token.to_string()))
        .deadline(Some(std::time::Duration::from_secs(5)))
        .build()?;
    Ok(Client::from_transport(transport))
}

fn is_not_found(status: StatusCode) -> bool {
    status == StatusCode::NOT_FOUND
}

fn describe(_: &AuthError, _: &HeaderMap, _: ClientConfig) {}

fn main() {
    let _ = build("https://api.example.com/v1", "t0ken");
    assert!(is_not_found(runtime::StatusCode::NOT_FOUND));
    let _ = describe;
}
