//! The HTTP client this crate builds (TLS provider, redirect policy) and its limits: a leaf that
//! the transport, auth and response decoding share.

use url::Url;

/// A `reqwest` client builder with this crate's TLS setup.
///
/// With the `rustls-ring` feature, installs rustls' `ring` provider as the process default
/// unless the application installed one already (reqwest needs one to build a client).
pub(crate) fn http_client_builder() -> reqwest::ClientBuilder {
    #[cfg(feature = "rustls-ring")]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race against another installer is fine: a provider is installed either way.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
        .redirect(redirect_policy())
        .referer(false)
}

/// How many same-origin redirects [`redirect_policy`] follows before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// The redirect policy of the clients this crate builds: follow at most [`MAX_REDIRECTS`]
/// redirects, and only to the same origin (scheme, host and port) as every URL before.
///
/// A redirect to another origin, including `https` to `http` on the same host, is not followed:
/// the `3xx` response comes back as it is (generated code reports it as
/// [`Error::UnexpectedResponse`](crate::Error::UnexpectedResponse), with its `Location` header),
/// so neither the `Authorization` header nor a request body (a `307`/`308` re-sends it) ever
/// reaches a host the caller did not configure. Apply it to a client you pass to
/// [`ClientConfig::http_client`](crate::ClientConfig::http_client) to get the same guarantee there.
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if same_origin(attempt.url(), attempt.previous()) {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Whether `next` has the origin (scheme, host, port) of every URL in `previous`.
fn same_origin(next: &Url, previous: &[Url]) -> bool {
    let origin = next.origin();
    previous.iter().all(|url| url.origin() == origin)
}

/// The default of [`ClientConfig::max_response_size`](crate::ClientConfig::max_response_size): 32 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(texts: &[&str]) -> Vec<Url> {
        texts.iter().map(|text| Url::parse(text).unwrap()).collect()
    }

    #[test]
    fn redirects_stay_on_the_origin_and_never_downgrade() {
        let api = urls(&["https://api.example.com/v1/a"]);
        let follow =
            |next: &str, previous: &[Url]| same_origin(&Url::parse(next).unwrap(), previous);
        assert!(follow("https://api.example.com/v1/b", &api));
        assert!(follow("https://api.example.com:443/other", &api));
        assert!(
            !follow("http://api.example.com/v1/b", &api),
            "https to http"
        );
        assert!(
            !follow("https://api.example.com:8443/v1/b", &api),
            "another port"
        );
        assert!(
            !follow("https://evil.example.com/v1/b", &api),
            "another host"
        );
        let hopped = urls(&["https://api.example.com/a", "https://cdn.example.com/b"]);
        assert!(
            !follow("https://cdn.example.com/c", &hopped),
            "every URL before counts"
        );
    }
}
