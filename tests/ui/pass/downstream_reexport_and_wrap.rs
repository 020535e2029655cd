// A downstream crate can re-export the generated types and wrap the client in its own API:
// every type it needs is public and nameable (`pub use`, request builders, `Pages`, `Error`).
mod crm {
    pub use dintero_customers::types::{AccountId, CustomerId, CustomerResponse, CustomerType};
    pub use dintero_customers::{Error, Pages};

    use dintero_customers::client::AidCustomersCidGet;
    use dintero_customers::types::{self, CustomerCreate};
    use dintero_customers::{Client, ResponseValue};

    pub type ApiError = Error<types::ApiError>;

    /// The customers of one account.
    #[derive(Debug, Clone)]
    pub struct Customers {
        client: Client,
        account: AccountId,
    }

    impl Customers {
        pub fn new(client: Client, account: AccountId) -> Self {
            Customers { client, account }
        }

        pub fn account(&self) -> &AccountId {
            &self.account
        }

        pub fn new_customer(id: CustomerId, first_name: &str) -> CustomerCreate {
            CustomerCreate::builder()
                .type_(CustomerType::Customer)
                .customer_id(id)
                .first_name(first_name)
                .build()
        }

        pub fn get_request(&self, id: CustomerId) -> AidCustomersCidGet {
            self.client.aid_customers_cid_get(self.account.clone(), id)
        }

        pub async fn create(&self, body: CustomerCreate) -> Result<CustomerResponse, ApiError> {
            self.client
                .aid_customers_post(self.account.clone(), body)
                .send()
                .await
                .map(ResponseValue::into_inner)
        }

        pub fn all(&self) -> Pages<CustomerResponse, types::ApiError> {
            self.client.aid_customers_get(self.account.clone()).stream()
        }

        pub fn describe(error: &ApiError) -> String {
            match error {
                Error::ErrorResponse(response) => {
                    format!("{}: {}", response.status(), response.error.message)
                }
                other => other.to_string(),
            }
        }
    }
}

use dintero_customers::Client;

fn main() {
    let client =
        Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse().unwrap(), "token").unwrap();
    let customers = crm::Customers::new(client, crm::AccountId::new("T12345678").unwrap());
    assert_eq!(customers.account().as_str(), "T12345678");

    let body = crm::Customers::new_customer(crm::CustomerId::new("c1").unwrap(), "Ada");
    assert_eq!(body.first_name.as_deref(), Some("Ada"));
    let _request = customers.get_request(crm::CustomerId::new("c1").unwrap());
    let _pages: crm::Pages<crm::CustomerResponse, _> = customers.all();
    drop(customers.create(body)); // built, never polled

    assert_eq!(
        crm::Customers::describe(&crm::Error::Timeout),
        "request timed out"
    );
}
