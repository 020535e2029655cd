//! Names beyond the spec's for each operation: the request builder's `header`/`query` methods
//! for a caller's own additions, and the operation's typed mock (`mock` module).

use crate::ir::{MockNames, Operation};
use crate::naming::Scope;

/// Set `extra_header`, `extra_query` and `mock` of every operation, once its parameters and
/// request builder are named.
pub(super) fn name(ops: &mut [Operation]) {
    let mut module = Scope::new();
    module.reserve("Mock");
    // `Mock`'s methods are `expect_` + a client method's name, which is unique among them.
    for op in ops.iter_mut() {
        let setters = || {
            let mut scope = Scope::new();
            for own in ["client", "body", "send", "stream", "deadline", "extensions"] {
                scope.reserve(own);
            }
            for p in &op.params {
                scope.reserve(&p.ident);
            }
            scope
        };
        // `header` and `query` unless a parameter's setter has the name: then `extra_header`
        // and `extra_query` (numbered if a parameter has that name too).
        let mut builder = setters();
        op.extra_header = pick(&mut builder, "header", "extra_header");
        op.extra_query = pick(&mut builder, "query", "extra_query");
        let mut expectation = setters();
        op.mock = MockNames {
            method: format!("expect_{}", op.ident.trim_end_matches('_')),
            expectation: module.unique(&format!("{}Expectation", op.builder)),
            times: expectation.unique("times"),
            respond: expectation.unique("respond"),
            fail: expectation.unique("fail"),
        };
    }
}

/// `name`, or `fallback` when `name` is taken.
fn pick(scope: &mut Scope, name: &str, fallback: &str) -> String {
    if scope.reserve(name) {
        name.to_owned()
    } else {
        scope.unique(fallback)
    }
}
