// `Client` is `Clone + Send + Sync + 'static` (and `Debug`): share it between tasks and threads.
use dintero_customers::Client;

fn assert_client<T: Clone + Send + Sync + std::fmt::Debug + 'static>(_: &T) {}

fn main() {
    let client =
        Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse().unwrap(), "token").unwrap();
    assert_client(&client);
    let clone = client.clone();
    let handle = std::thread::spawn(move || clone.transport().base_url().to_string());
    assert_eq!(
        handle.join().unwrap(),
        client.transport().base_url().to_string()
    );
}
