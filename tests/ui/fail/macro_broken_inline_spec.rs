// Macro mode: a spec error is a `compile_error!` at the macro call naming the JSON pointer, and
// code using `Thing` reports nothing else: one error, not one per use. (That the rest of the API
// is still generated, the broken property as untyped JSON, is proved by `codegen/tests/
// generator.rs`: rustc is silent about paths into a module holding a `compile_error!` anyway.)
codegen_macro::generate!(
    inline = r##"
openapi: 3.0.3
info: { title: broken, version: "1" }
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        owner: { $ref: "#/components/schemas/Nobody" }
"##,
    module = api
);

fn main() {
    let thing = api::types::Thing { owner: None };
    let _ = thing;
}
