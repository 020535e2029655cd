//! Calls every operation of the Pet Clinic API (OpenAPI 3.1, several files) and checks each answer.
//!
//! `cargo run -p realworld-user -- http://127.0.0.1:4010` against
//! `prism mock examples/realworld-user/spec/api.yaml`. Exits non-zero, naming the operation, when
//! a call fails, when Prism reports that a request does not match the spec (`sl-violations`), or
//! when a response does not decode to what the spec's example says.

mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}

use api::client::UploadPetPhotoMultipart;
use api::types::{
    Name, NewPet, OwnerForm, OwnerId, OwnerObject, PetFilter, PetId, PetObject, PetUpdate,
    PreferredContact, Species, UploadPetPhotoBodyCaption,
};
use api::{Error, Nullable, ResponseValue};
use std::fmt::Debug;

/// Why the run failed: the operation and what went wrong.
type Failure = String;

/// The response of `op`, or a failure naming it, the status, Prism's violations and the body.
fn checked<T, E: Debug + 'static>(
    op: &str,
    result: Result<ResponseValue<T>, Error<E>>,
) -> Result<T, Failure> {
    match result {
        Ok(response) => match response.header_str("sl-violations") {
            Some(violations) => Err(format!(
                "{op}: Prism answered {} but reported violations: {violations}",
                response.status()
            )),
            None => Ok(response.into_inner()),
        },
        Err(err) => {
            let violations = err
                .headers()
                .and_then(|h| h.get("sl-violations"))
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            let mut cause = err.to_string();
            let mut source = std::error::Error::source(&err);
            while let Some(inner) = source {
                cause.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            Err(format!(
                "{op}: the call failed: {cause}\n  status: {:?}\n  sl-violations: {}\n  body: {}",
                err.status(),
                violations.as_deref().unwrap_or("(none)"),
                err.raw_body().unwrap_or("(none)"),
            ))
        }
    }
}

/// `Ok` if `condition` holds, else a failure naming `op` and what was expected.
fn ensure(op: &str, condition: bool, expected: impl std::fmt::Display) -> Result<(), Failure> {
    if condition {
        Ok(())
    } else {
        Err(format!("{op}: expected {expected}"))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let Some(base_url) = std::env::args().nth(1) else {
        eprintln!("usage: realworld-user <Prism base URL, e.g. http://127.0.0.1:4010>");
        return std::process::ExitCode::from(2);
    };
    match run(&base_url).await {
        Ok(calls) => {
            println!("realworld-user: {calls} calls, 0 violations");
            std::process::ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Every operation once (updatePet twice: setting and clearing); the number of calls made.
async fn run(base_url: &str) -> Result<usize, Failure> {
    // Server variables: the default is the first enum value's URL, others are filled in.
    let servers = "servers";
    ensure(
        servers,
        api::Client::DEFAULT_BASE_URL == "https://eu.clinic.example.com/v1",
        "the default region `eu` in DEFAULT_BASE_URL",
    )?;
    let us =
        api::Client::base_url_for(api::types::Region::Us).map_err(|e| format!("{servers}: {e}"))?;
    ensure(
        servers,
        us.as_str() == "https://us.clinic.example.com/v1",
        format!("base_url_for(Region::Us) to be the US server, not {us}"),
    )?;

    let url = base_url
        .parse()
        .map_err(|e| format!("bad base URL {base_url:?}: {e}"))?;
    let transport = api::Client::config()
        .base_url(url)
        .build()
        .map_err(|e| format!("client: {e}"))?;
    let client = api::Client::from_transport(transport);
    let invalid = |e: api::ConstraintError| format!("a value the spec rejects: {e}");
    let rex = PetId::new("pet_7f3k2").map_err(invalid)?;
    let mut calls = 0;

    // Shared `limit` (exclusiveMinimum), an `X-Request-Id` header, a deepObject filter
    // (`filter[species]=dog&filter[min_age]=2&...`) and a form, explode=false array (`tags=a,b`).
    let op = "listPets";
    let pets = checked(
        op,
        client
            .list_pets()
            .limit(10)
            .x_request_id(uuid::Uuid::from_u128(
                0x6f1c_2a4e_8b0d_4c3e_9a71_5d20_e4b8_c913,
            ))
            .filter(
                PetFilter::builder()
                    .species(Species::Dog)
                    .min_age(2)
                    .vaccinated(true)
                    .build(),
            )
            .tags(vec!["senior".to_string(), "indoor".to_string()])
            .send()
            .await,
    )?;
    calls += 1;
    let first = pets.first().ok_or(format!("{op}: expected one pet"))?;
    ensure(
        op,
        first.object == PetObject::Pet && first.species == Species::Dog,
        "a dog with `object: pet` (const)",
    )?;
    ensure(
        op,
        first.microchip.is_null() && first.owner.is_null(),
        format!(
            "`microchip` and `owner` to be null, not {:?} / {:?}",
            first.microchip, first.owner
        ),
    )?;
    ensure(
        op,
        first.location.as_deref() == Some(&[59.91, 10.75][..]),
        "`location` to be the [latitude, longitude] pair (prefixItems)",
    )?;

    // A JSON body with a `$ref` into another file's property (`species`), nullables set and null.
    let op = "createPet";
    let new_pet: NewPet = NewPet::builder()
        .name(Name::new("Luna").map_err(invalid)?)
        .species(Species::Cat)
        .birth_date(Nullable::Null)
        .weight_kg(4.2)
        .microchip("578097100012345".to_string())
        .owner_id(Nullable::Null)
        .tags(vec!["indoor".to_string()])
        .build();
    let luna = checked(op, client.create_pet(new_pet).send().await)?;
    calls += 1;
    ensure(
        op,
        luna.species == Species::Cat && luna.birth_date.is_null(),
        "a cat without a birth date",
    )?;
    ensure(
        op,
        luna.microchip.as_value().map(String::as_str) == Some("578097100012345"),
        format!("the microchip number, not {:?}", luna.microchip),
    )?;

    // The reference cycle: a pet with its owner (`anyOf: [$ref, null]`), the owner's address.
    let op = "getPet";
    let pet = checked(op, client.get_pet(rex.clone()).send().await)?;
    calls += 1;
    let owner = pet
        .owner
        .as_value()
        .ok_or(format!("{op}: expected an owner, not {:?}", pet.owner))?;
    ensure(
        op,
        owner.object == OwnerObject::Owner && owner.phone.is_null(),
        "an owner (`object: owner`) without a phone",
    )?;
    let address = owner
        .address
        .as_value()
        .ok_or(format!("{op}: expected an address"))?;
    ensure(
        op,
        address.city == "Oslo" && address.country.as_str() == "NO",
        format!("the Oslo address, not {address:?}"),
    )?;
    ensure(
        op,
        pet.birth_date.as_value() == chrono::NaiveDate::from_ymd_opt(2019, 4, 1).as_ref(),
        format!("birth date 2019-04-01, not {:?}", pet.birth_date),
    )?;

    // A PATCH that sets some fields and leaves the others out ...
    let op = "updatePet (set)";
    let update: PetUpdate = PetUpdate::builder()
        .weight_kg(30.9)
        .tags(Vec::<String>::new())
        .build();
    let updated = checked(op, client.update_pet(rex.clone(), update).send().await)?;
    calls += 1;
    ensure(
        op,
        updated.weight_kg == 30.9,
        "the new weight in the response",
    )?;

    // ... and one that clears nullable fields with an explicit `null`.
    let op = "updatePet (clear)";
    let clear: PetUpdate = PetUpdate::builder()
        .microchip(Nullable::Null)
        .owner_id(Nullable::Null)
        .build();
    checked(op, client.update_pet(rex.clone(), clear).send().await)?;
    calls += 1;

    // A text/plain body.
    let op = "replacePetNotes";
    checked(
        op,
        client
            .replace_pet_notes(
                rex.clone(),
                "Allergic to chicken. Nervous around other dogs.".to_string(),
            )
            .send()
            .await,
    )?;
    calls += 1;

    // multipart/form-data: a binary file part (a tiny JPEG header), a text part, a date part.
    let op = "uploadPetPhoto";
    let jpeg: &'static [u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    let mut photo = UploadPetPhotoMultipart::new(
        codegen_runtime::FilePart::new(jpeg)
            .file_name("rex.jpg")
            .content_type("image/jpeg"),
    );
    photo.caption = Some(UploadPetPhotoBodyCaption::new("First day home").map_err(invalid)?);
    photo.taken_on = chrono::NaiveDate::from_ymd_opt(2024, 6, 1);
    let stored = checked(op, client.upload_pet_photo(rex.clone(), photo).send().await)?;
    calls += 1;
    ensure(
        op,
        stored.pet_id == rex.as_str() && stored.size_bytes > 0,
        format!("the stored photo of {rex:?}, not {stored:?}"),
    )?;

    let op = "deletePet";
    checked(op, client.delete_pet(rex).send().await)?;
    calls += 1;

    // An application/x-www-form-urlencoded body (enum and boolean fields among strings).
    let op = "createOwner";
    let form: OwnerForm = OwnerForm::builder()
        .name(Name::new("Kari Nordmann").map_err(invalid)?)
        .email("kari@example.com")
        .phone("+4791234567")
        .preferred_contact(PreferredContact::Sms)
        .newsletter(false)
        .build();
    let kari = checked(op, client.create_owner(form).send().await)?;
    calls += 1;
    ensure(
        op,
        kari.phone.as_value().map(String::as_str) == Some("+4791234567") && kari.address.is_null(),
        format!("a phone and a null address, not {kari:?}"),
    )?;

    // The other half of the cycle: an owner with their pets.
    let op = "getOwner";
    let owner = checked(
        op,
        client
            .get_owner(OwnerId::new("own_91xq").map_err(invalid)?)
            .send()
            .await,
    )?;
    calls += 1;
    ensure(
        op,
        owner.pets.len() == 1 && owner.pets[0].name.as_str() == "Rex",
        format!("Rex among the owner's pets, not {:?}", owner.pets),
    )?;
    Ok(calls)
}
