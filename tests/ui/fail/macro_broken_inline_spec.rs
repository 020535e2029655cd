// Macro mode: a spec error is one `compile_error!` at the call naming the JSON pointer; uses of
// `Thing` add no error. (That the rest of the API is still generated is proved in
// `codegen/tests/generator.rs`: rustc is silent about paths into a module with a compile_error!.)
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
    let thing = api::types::Thing {
        owner: None,
        additional_properties: Default::default(),
    };
    let _ = thing;
}
