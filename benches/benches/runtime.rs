//! Runtime cost of the generated Customers client (issue 6):
//!
//! - `page100/{decode,encode}/{generated,handwritten}`: a 100-customer list page as
//!   `Vec<dintero_customers::types::CustomerResponse>` beside a hand-written serde struct of the
//!   same shape (plain `String`s for the validated newtypes, a closed serde enum for `type`,
//!   `Option` for the nullable `metadata`).
//! - `request/{generated,reqwest}`: one `GET /accounts/{aid}/customers/users/{id}` against a
//!   loopback hyper server, through the generated client and through a bare `reqwest::Client`
//!   (same URL, bearer header and decoding into the same type): the client's own overhead.
//!
//! After criterion, `paired` times decode, encode and the request again in alternating rounds
//! (generated, then the baseline, 20 iterations each) and prints the median of the per-round ratios:
//! criterion measures one side and then the other, so a host whose speed drifts moves its ratio.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use dintero_customers::types::{AccountId, CustomerId, CustomerResponse};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};

mod handwritten {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Customer {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub metadata: Option<BTreeMap<String, serde_json::Value>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<uuid::Uuid>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<chrono::DateTime<chrono::Utc>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deleted_by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub first_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub last_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phone_number: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub attributes: Option<BTreeMap<String, serde_json::Value>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub favorite_store: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enrolled_by: Option<EnrolledBy>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub marketing_consent: Option<MarketingConsent>,
        #[serde(rename = "type")]
        pub type_: CustomerType,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub addresses: Option<Vec<Address>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub term: Option<Term>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub company: Option<Company>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub gender: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date_of_birth: Option<chrono::NaiveDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contact_for: Option<Vec<ContactFor>>,
        pub customer_id: String,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CustomerType {
        Customer,
        Company,
        Contact,
        Employee,
        Other,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum AddressType {
        Custom,
        Home,
        Other,
        Work,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct EnrolledBy {
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub type_: Option<String>,
        pub value: String,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct MarketingConsent {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sms: Option<ConsentItem>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<ConsentItem>,
        #[serde(flatten)]
        pub additional_properties: BTreeMap<String, ConsentItem>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct ConsentItem {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub consent: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Address {
        pub address_line: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub address_line_2: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub postal_code: Option<String>,
        pub postal_place: String,
        pub country: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub latitude: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub longitude: Option<f64>,
        #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
        pub type_: Option<AddressType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub custom_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub comment: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Term {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<uuid::Uuid>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Company {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub organization_number: Option<String>,
        pub bussiness_name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub department: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub industry: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub website: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub number_of_employees: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct ContactFor {
        pub customer_id: String,
    }
}

/// One realistic customer: most optional fields set, as a list endpoint returns them.
fn customer(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("5b2f1c3e-0000-4000-8000-{i:012}"),
        "created_at": "2024-03-01T10:15:30Z",
        "created_by": "1c92f7e1-2897-4d46-bdcc-c127a914fb4e",
        "updated_at": "2024-03-02T11:00:00Z",
        "customer_id": format!("customer-{i}"),
        "type": if i.is_multiple_of(3) { "company" } else { "customer" },
        "first_name": "John",
        "last_name": "Doe",
        "email": format!("customer{i}@example.com"),
        "phone_number": "+4799999999",
        "status": "active",
        "favorite_store": "store-1",
        "gender": "male",
        "date_of_birth": "1990-09-20",
        "metadata": {"dob_year": 1985, "segment": "gold"},
        "attributes": {"shoe_size": 43, "newsletter": true},
        "enrolled_by": {"type": "url", "value": "https://facebook.com"},
        "marketing_consent": {
            "sms": {"consent": true, "updated_at": "2018-01-12T13:42:00Z"},
            "email": {"consent": false, "updated_at": "2018-01-12T13:42:00Z"}
        },
        "addresses": [{
            "address_line": "Sommerkroveien 34",
            "postal_code": "0349",
            "postal_place": "Oslo",
            "country": "NO",
            "latitude": 59.942112,
            "longitude": 10.716991,
            "type": "home",
            "comment": "5th floor, use doorbell."
        }],
        "term": {"id": "8a7c1d2e-0000-4000-8000-000000000001", "accepted_at": "2024-03-01T10:15:30Z"},
        "company": {"organization_number": "123456789MVA", "bussiness_name": "TKP tech AS", "industry": "computer industry"},
        "contact_for": [{"customer_id": "customer-0"}]
    })
}

fn page_json() -> String {
    serde_json::Value::Array((0..100).map(customer).collect()).to_string()
}

/// The page's JSON and both decodings of it, checked to carry the same data.
fn pages() -> (String, Vec<CustomerResponse>, Vec<handwritten::Customer>) {
    let json = page_json();
    let generated: Vec<CustomerResponse> = serde_json::from_str(&json).expect("generated decodes");
    let handwritten: Vec<handwritten::Customer> =
        serde_json::from_str(&json).expect("handwritten decodes");
    assert_eq!(
        serde_json::to_value(&generated).unwrap(),
        serde_json::to_value(&handwritten).unwrap(),
        "both shapes carry the same data"
    );
    (json, generated, handwritten)
}

fn page100(c: &mut Criterion) {
    let (json, generated, handwritten) = pages();

    let mut decode = c.benchmark_group("page100/decode");
    decode.bench_function("generated", |b| {
        b.iter(|| serde_json::from_str::<Vec<CustomerResponse>>(black_box(&json)).unwrap())
    });
    decode.bench_function("handwritten", |b| {
        b.iter(|| serde_json::from_str::<Vec<handwritten::Customer>>(black_box(&json)).unwrap())
    });
    decode.finish();

    let mut encode = c.benchmark_group("page100/encode");
    encode.bench_function("generated", |b| {
        b.iter(|| serde_json::to_vec(black_box(&generated)).unwrap())
    });
    encode.bench_function("handwritten", |b| {
        b.iter(|| serde_json::to_vec(black_box(&handwritten)).unwrap())
    });
    encode.finish();
}

/// A keep-alive HTTP/1.1 server on 127.0.0.1 that answers every request with one customer.
async fn serve(body: Bytes) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let body = body.clone();
            let service = service_fn(move |_request: hyper::Request<Incoming>| {
                let body = body.clone();
                async move {
                    Ok::<_, Infallible>(
                        hyper::Response::builder()
                            .header("content-type", "application/json")
                            .body(Full::new(body))
                            .expect("valid response"),
                    )
                }
            });
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// A loopback server and the three clients that GET one customer from it.
struct Loopback {
    rt: tokio::runtime::Runtime,
    client: dintero_customers::Client,
    /// The same client without the runtime's default 30 s request timeout (a tokio timer per
    /// request), to see what that timer costs.
    untimed: dintero_customers::Client,
    bare: reqwest::Client,
    url: String,
    aid: AccountId,
    cid: CustomerId,
}

impl Loopback {
    fn new() -> Self {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let addr = rt.block_on(serve(Bytes::from(customer(1).to_string())));
        let base = format!("http://{addr}/v1");
        let client = dintero_customers::Client::with_bearer_token(base.parse().unwrap(), "token")
            .expect("client");
        let untimed = dintero_customers::Client::from_transport(
            dintero_customers::Client::config()
                .base_url(base.parse().unwrap())
                .bearer_token("token")
                .timeout(None)
                .build()
                .expect("transport"),
        );
        Loopback {
            rt,
            client,
            untimed,
            bare: reqwest::Client::new(),
            url: format!("{base}/accounts/T12345678/customers/users/customer-1"),
            aid: AccountId::new("T12345678").unwrap(),
            cid: CustomerId::new("customer-1").unwrap(),
        }
    }

    /// One GET through a generated client.
    fn generated(&self, client: &dintero_customers::Client) -> CustomerResponse {
        self.rt.block_on(async {
            let response = client
                .aid_customers_cid_get(self.aid.clone(), self.cid.clone())
                .send()
                .await
                .expect("request succeeds");
            response.into_inner()
        })
    }

    /// The same GET through bare reqwest, decoded into the same type.
    fn bare(&self) -> CustomerResponse {
        self.rt.block_on(async {
            let response = self
                .bare
                .get(&self.url)
                .bearer_auth("token")
                .send()
                .await
                .expect("request succeeds");
            assert!(response.status().is_success());
            let body = response.bytes().await.expect("body");
            serde_json::from_slice::<CustomerResponse>(&body).expect("decodes")
        })
    }
}

fn request(c: &mut Criterion) {
    let loopback = Loopback::new();
    let mut group = c.benchmark_group("request");
    group.bench_function("generated", |b| {
        b.iter(|| black_box(loopback.generated(&loopback.client)))
    });
    group.bench_function("generated-no-timeout", |b| {
        b.iter(|| black_box(loopback.generated(&loopback.untimed)))
    });
    group.bench_function("reqwest", |b| b.iter(|| black_box(loopback.bare())));
    group.finish();
}

/// Decode, encode and one request timed in alternating rounds; prints `paired <group> <ratio> <rounds>` lines
/// (read by `cargo xtask bench`).
fn paired() {
    const ROUNDS: usize = 201;
    const ITERS: usize = 20;
    let (json, generated, handwritten) = pages();
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..ITERS {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    let ratio = |ours: &dyn Fn(), theirs: &dyn Fn()| {
        let mut ratios: Vec<f64> = (0..=ROUNDS)
            .map(|_| time(ours) / time(theirs))
            .skip(1)
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    };
    let decode = ratio(
        &|| {
            black_box(serde_json::from_str::<Vec<CustomerResponse>>(black_box(&json)).unwrap());
        },
        &|| {
            black_box(
                serde_json::from_str::<Vec<handwritten::Customer>>(black_box(&json)).unwrap(),
            );
        },
    );
    let encode = ratio(
        &|| {
            black_box(serde_json::to_vec(black_box(&generated)).unwrap());
        },
        &|| {
            black_box(serde_json::to_vec(black_box(&handwritten)).unwrap());
        },
    );
    let loopback = Loopback::new();
    let request = ratio(
        &|| {
            black_box(loopback.generated(&loopback.client));
        },
        &|| {
            black_box(loopback.bare());
        },
    );
    println!("paired page100/decode {decode:.3} {ROUNDS}");
    println!("paired page100/encode {encode:.3} {ROUNDS}");
    println!("paired request {request:.3} {ROUNDS}");
}

criterion_group!(benches, page100, request);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    paired();
}
