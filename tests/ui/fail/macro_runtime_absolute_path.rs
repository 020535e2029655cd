// Macro mode: how the runtime is reached is checked where it is written; an absolute path (which
// would tie the code to one machine) is refused on the literal, with the fix.
codegen_macro::generate!("../spec/customers.yaml", module = api, runtime = "path:/opt/runtime");

fn main() {}
