// Macro mode with `method_names = "path"`: the operationId's name is only a doc alias, not a
// second method.
codegen_macro::generate!(
    inline = r##"
openapi: 3.0.3
info: { title: inline, version: "1" }
paths:
  /customers/{cid}:
    get:
      operationId: aid_customers_cid_get
      parameters:
        - { name: cid, in: path, required: true, schema: { type: string } }
      responses:
        "204": { description: ok }
"##,
    module = api,
    method_names = "path"
);

fn main() {
    let client = api::Client::with_bearer_token("http://127.0.0.1:9".parse().unwrap(), "t").unwrap();
    drop(client.aid_customers_cid_get("c1"));
}
