//! `MockServer` and `Expectation`: typed answers to a generated client's calls, without a
//! network, for the generated crates' `mock` modules (feature `mock`).

use std::any::Any;
use std::fmt::{self, Debug};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::client::{ClientConfig, Transport};
use crate::error::Error;
use crate::hook::Intercept;
use crate::value::ResponseValue;

/// Expectations of calls, each answered with a typed value; what a generated crate's
/// `mock::Mock` is made of.
///
/// A transport made by [`transport`](Self::transport) hands every call of a generated
/// operation to this server before anything is encoded: the first expectation of that
/// operation whose parameters and body match (and that is not used up) answers it; a call no
/// expectation matches panics with what differed, per expectation. Nothing is ever sent, so no
/// hook runs either.
///
/// [`verify`](Self::verify) checks that every expectation was called as often as it said
/// (once or more, unless [`Expectation::times`] says otherwise) and that no call went
/// unmatched; dropping the server verifies too (unless the thread is already panicking).
pub struct MockServer {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    expectations: Vec<Entry>,
    /// The messages of calls no expectation matched.
    unmatched: Vec<String>,
}

type Check = Box<dyn Fn(&dyn Any) -> Vec<String> + Send + Sync>;
type Answer = Box<dyn Fn() -> Box<dyn Any> + Send + Sync>;

struct Entry {
    operation: &'static str,
    times: Option<usize>,
    calls: usize,
    check: Check,
    answer: Answer,
}

impl Entry {
    fn used_up(&self) -> bool {
        self.times.is_some_and(|times| self.calls >= times)
    }

    fn expected_calls(&self) -> String {
        match self.times {
            Some(1) => "once".to_owned(),
            Some(n) => format!("{n} times"),
            None => "at least once".to_owned(),
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A failed test may have panicked while holding the lock; the state is still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockServer")
            .field("expectations", &state.expectations.len())
            .field("unmatched", &state.unmatched.len())
            .finish()
    }
}

impl Intercept for Shared {
    fn answer(&self, operation_id: &'static str, request: &dyn Any) -> Option<Box<dyn Any>> {
        let mut state = self.lock();
        let mut reasons = Vec::new();
        for (i, entry) in state.expectations.iter_mut().enumerate() {
            if entry.operation != operation_id {
                continue;
            }
            let differences = (entry.check)(request);
            if !differences.is_empty() {
                reasons.push(format!(
                    "  expectation #{}: {}",
                    i + 1,
                    differences.join("; ")
                ));
            } else if entry.used_up() {
                reasons.push(format!(
                    "  expectation #{}: matches, but was expected {} and was called {} times already",
                    i + 1,
                    entry.expected_calls(),
                    entry.calls
                ));
            } else {
                entry.calls += 1;
                return Some((entry.answer)());
            }
        }
        let message = if reasons.is_empty() {
            format!("mock: unexpected call of `{operation_id}`: no expectation was set for it")
        } else {
            format!(
                "mock: no expectation matches this call of `{operation_id}`:\n{}",
                reasons.join("\n")
            )
        };
        state.unmatched.push(message.clone());
        drop(state);
        panic!("{message}");
    }
}

impl Default for MockServer {
    fn default() -> Self {
        MockServer::new()
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shared.fmt(f)
    }
}

impl MockServer {
    /// A server without expectations.
    pub fn new() -> Self {
        MockServer {
            shared: Arc::new(Shared::default()),
        }
    }

    /// The transport of `config` with every call answered by this server.
    ///
    /// Panics if `config` does not build (a generated client's default configuration does).
    pub fn transport(&self, config: ClientConfig) -> Transport {
        let shared: Arc<dyn Intercept> = self.shared.clone();
        match config.intercept(shared).build() {
            Ok(transport) => transport,
            Err(err) => panic!("mock: the client configuration does not build: {err}"),
        }
    }

    /// A new expectation of a call of `operation_id`, whose request builder is `R`, success
    /// body `T` and error body `E`; it takes effect when it is given its answer.
    pub fn expect<R: 'static, T, E>(&self, operation_id: &'static str) -> Expectation<R, T, E> {
        Expectation {
            shared: self.shared.clone(),
            operation: operation_id,
            times: None,
            matchers: Vec::new(),
            types: PhantomData,
        }
    }

    /// Why the expectations are not met: one line per expectation called too seldom or too
    /// often, and per call none matched; empty when all is well.
    pub fn problems(&self) -> Vec<String> {
        let state = self.shared.lock();
        let mut problems = Vec::new();
        for (i, entry) in state.expectations.iter().enumerate() {
            let met = match entry.times {
                Some(times) => entry.calls == times,
                None => entry.calls > 0,
            };
            if !met {
                problems.push(format!(
                    "expectation #{} of `{}` was expected {} and was called {} times",
                    i + 1,
                    entry.operation,
                    entry.expected_calls(),
                    entry.calls
                ));
            }
        }
        problems.extend(state.unmatched.iter().cloned());
        problems
    }

    /// Panics, listing [`problems`](Self::problems), unless every expectation was called as
    /// often as it said and every call matched one.
    pub fn verify(&self) {
        let problems = self.problems();
        if !problems.is_empty() {
            panic!("mock: expectations not met:\n{}", problems.join("\n"));
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.verify();
        }
    }
}

type Matcher<R> = Box<dyn Fn(&R) -> Option<String> + Send + Sync>;

/// One expected call of an operation with request builder `R`, success body `T` and error
/// body `E`: which parameters and body it must have, how often, and the answer. Generated
/// expectation builders wrap one.
#[must_use = "an expectation takes effect once it is given its answer (`respond`, `fail`)"]
pub struct Expectation<R, T, E> {
    shared: Arc<Shared>,
    operation: &'static str,
    times: Option<usize>,
    matchers: Vec<Matcher<R>>,
    types: PhantomData<fn() -> (T, E)>,
}

impl<R, T, E> fmt::Debug for Expectation<R, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation")
            .field("operation", &self.operation)
            .field("times", &self.times)
            .field("matchers", &self.matchers.len())
            .finish_non_exhaustive()
    }
}

impl<R: 'static, T: 'static, E: 'static> Expectation<R, T, E> {
    /// Match only calls whose `name` (a parameter, or `body`), read from the request builder
    /// by `field`, equals `expected`.
    pub fn matching<V>(mut self, name: &'static str, expected: V, field: fn(&R) -> &V) -> Self
    where
        V: PartialEq + Debug + Send + Sync + 'static,
    {
        self.matchers.push(Box::new(move |request| {
            let actual = field(request);
            (*actual != expected)
                .then(|| format!("`{name}` differs: expected {expected:?}, got {actual:?}"))
        }));
        self
    }

    /// Match only calls for which `predicate` holds; `what` says what it checks, in the
    /// message of a call it refuses.
    pub fn matching_with(
        mut self,
        what: &'static str,
        predicate: impl Fn(&R) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.matchers.push(Box::new(move |request| {
            (!predicate(request)).then(|| format!("{what} does not hold"))
        }));
        self
    }

    /// Expect exactly `times` matching calls (default: at least one); further ones do not
    /// match.
    pub fn times(mut self, times: usize) -> Self {
        self.times = Some(times);
        self
    }

    /// Answer matching calls with the success body `value` and status `status`.
    pub fn respond(self, status: u16, value: T)
    where
        T: Clone + Send + Sync,
    {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        self.register(Box::new(move || {
            let answer: Result<ResponseValue<T>, Error<E>> =
                Ok(ResponseValue::new(value.clone(), status, HeaderMap::new()));
            Box::new(answer)
        }));
    }

    /// Answer matching calls with the error status `status` and the typed error body `body`,
    /// as [`Error::ErrorResponse`] (what a documented error status gives).
    pub fn fail(self, status: u16, body: E)
    where
        E: Clone + Send + Sync,
    {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        self.register(Box::new(move || {
            let response = ResponseValue::new(body.clone(), status, HeaderMap::new());
            let answer: Result<ResponseValue<T>, Error<E>> = Err(Error::ErrorResponse(response));
            Box::new(answer)
        }));
    }

    fn register(self, answer: Answer) {
        let matchers = self.matchers;
        let check: Check = Box::new(move |request| match request.downcast_ref::<R>() {
            Some(request) => matchers.iter().filter_map(|m| m(request)).collect(),
            None => vec!["the request is of another operation's type".to_owned()],
        });
        self.shared.lock().expectations.push(Entry {
            operation: self.operation,
            times: self.times,
            calls: 0,
            check,
            answer,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request builder as generated code has one.
    #[derive(Debug)]
    struct GetThing {
        id: String,
        verbose: Option<bool>,
    }

    type Answer = Result<ResponseValue<u32>, Error<String>>;

    #[allow(clippy::result_large_err)] // `Error` is what generated `send()`s return
    fn call(server: &MockServer, id: &str, verbose: Option<bool>) -> Answer {
        let request = GetThing {
            id: id.to_owned(),
            verbose,
        };
        let answer = server
            .shared
            .answer("get_thing", &request)
            .expect("answered");
        *answer.downcast::<Answer>().expect("typed")
    }

    fn unmatched(server: &MockServer, id: &str) -> String {
        let shared = server.shared.clone();
        let id = id.to_owned();
        let panic = std::thread::spawn(move || {
            let request = GetThing { id, verbose: None };
            shared.answer("get_thing", &request).is_some()
        })
        .join()
        .expect_err("unmatched calls panic");
        panic.downcast_ref::<String>().cloned().unwrap_or_default()
    }

    #[test]
    fn answers_the_matching_expectation_with_its_typed_value() {
        let server = MockServer::new();
        server
            .expect::<GetThing, u32, String>("get_thing")
            .matching("id", "a".to_owned(), |r| &r.id)
            .respond(200, 1);
        server
            .expect::<GetThing, u32, String>("get_thing")
            .matching("id", "b".to_owned(), |r| &r.id)
            .matching("verbose", Some(true), |r| &r.verbose)
            .fail(404, "gone".to_owned());
        assert_eq!(call(&server, "a", None).unwrap().into_inner(), 1);
        let err = call(&server, "b", Some(true)).unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
        assert_eq!(err.error_body().map(String::as_str), Some("gone"));
        server.verify();
    }

    #[test]
    fn an_unmatched_call_names_the_operation_and_what_differed() {
        let server = MockServer::new();
        server
            .expect::<GetThing, u32, String>("get_thing")
            .matching("id", "a".to_owned(), |r| &r.id)
            .respond(200, 1);
        let message = unmatched(&server, "z");
        assert!(message.contains("`get_thing`"), "{message}");
        assert!(
            message.contains(r#"`id` differs: expected "a", got "z""#),
            "{message}"
        );
        // The unmatched call and the uncalled expectation are both reported.
        let problems = server.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        std::mem::forget(server);
    }

    #[test]
    fn times_are_counted_and_verified() {
        let server = MockServer::new();
        server
            .expect::<GetThing, u32, String>("get_thing")
            .times(2)
            .respond(200, 7);
        call(&server, "x", None).unwrap();
        assert_eq!(server.problems().len(), 1, "one call of two");
        call(&server, "y", None).unwrap();
        assert!(server.problems().is_empty());
        let message = unmatched(&server, "z");
        assert!(message.contains("called 2 times already"), "{message}");
        std::mem::forget(server);
    }

    #[test]
    fn an_operation_without_expectations_says_so() {
        let server = MockServer::new();
        let message = unmatched(&server, "a");
        assert!(message.contains("no expectation was set"), "{message}");
        std::mem::forget(server);
    }
}
