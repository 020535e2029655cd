// Update bodies keep their nested required fields: the settings sent with `PUT .../settings`
// (`aid_customers_atributes_put`) may leave most things out, but a custom attribute needs
// its `name`.
use dintero_customers::types::{
    CustomersSettings, CustomersSettingsAttributesItem, CustomersSettingsAttributesItemType,
};

fn main() {
    let attribute = CustomersSettingsAttributesItem::builder()
        .type_(CustomersSettingsAttributesItemType::String)
        .build();
    let _settings = CustomersSettings::builder()
        .attributes(vec![attribute])
        .build();
}
