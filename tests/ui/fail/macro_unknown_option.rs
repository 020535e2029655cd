// Macro mode: an option the macro does not know is an error on that option, listing the known ones.
codegen_macro::generate!("../spec/customers.yaml", modul = api);

fn main() {}
