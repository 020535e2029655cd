// Macro mode with `method_names = "path"`: methods, request builders and inline types are named
// after the HTTP method and path, not the operationIds.
codegen_macro::generate!(
    inline = r##"
openapi: 3.0.3
info: { title: inline, version: "1" }
paths:
  /accounts/{aid}/customers:
    parameters:
      - { name: aid, in: path, required: true, schema: { type: string } }
    get:
      operationId: aid_customers_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Customer" } }
    post:
      operationId: aid_customers_post
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Customer" }
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
  /accounts/{aid}/customers/{cid}:
    parameters:
      - { name: aid, in: path, required: true, schema: { type: string } }
      - { name: cid, in: path, required: true, schema: { type: string } }
    get:
      operationId: aid_customers_cid_get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Customer" }
    delete:
      operationId: aid_customers_cid_delete
      responses:
        "204": { description: deleted }
components:
  schemas:
    Customer:
      type: object
      required: [name]
      properties:
        name: { type: string }
"##,
    module = api,
    method_names = "path"
);

fn main() {
    let client = api::Client::with_bearer_token("http://127.0.0.1:9".parse().unwrap(), "t").unwrap();
    let _: api::client::ListCustomers = client.list_customers("acc");
    let _: api::client::GetCustomer = client.get_customer("acc", "c1");
    let _: api::client::DeleteCustomer = client.delete_customer("acc", "c1");
    let customer = api::types::Customer::builder().name("Ada").build();
    let _: api::client::CreateCustomer = client.create_customer("acc", customer);
    // The inline response body's type follows the method's name too.
    let created = api::types::CreateCustomerResponse::default();
    assert_eq!(created.id, None);
}
