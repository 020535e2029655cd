// List operations give a page stream that is `Send + 'static`, implements
// `dintero_customers::Stream` with `Result<Item, Error<E>>` items, and is the re-exported
// `dintero_customers::Pages<Item, E>`.
use dintero_customers::types::{self, AccountId, CustomerResponse, SalesLocationResponse};
use dintero_customers::{Client, Error, Pages, Stream};

fn assert_stream<S, T>(_: &S)
where
    S: Stream<Item = Result<T, Error<types::ApiError>>> + Send + Unpin + 'static,
{
}

#[allow(dead_code)]
async fn spawn_stream(client: Client, aid: AccountId) -> usize {
    let pages = client.aid_customers_get(aid).stream();
    let task = tokio::spawn(async move { pages.collect_all().await.map(|all| all.len()) });
    task.await.unwrap().unwrap_or(0)
}

fn main() {
    let client =
        Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse().unwrap(), "token").unwrap();
    let aid = AccountId::new("T12345678").unwrap();

    let customers: Pages<CustomerResponse, types::ApiError> =
        client.aid_customers_get(aid.clone()).limit(100).stream();
    assert_stream(&customers);

    let locations: Pages<SalesLocationResponse, types::ApiError> =
        client.aid_locations_get(aid).stream();
    assert_stream(&locations);
}
