// Macro mode: an unknown `method_names` choice is refused on its literal, naming the choices.
codegen_macro::generate!("../spec/customers.yaml", module = api, method_names = "rest");

fn main() {}
