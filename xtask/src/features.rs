//! `cargo xtask features`: per-tag cargo features (`--features-by-tag`) keep each tag's
//! operations, and the types only they use, out of a build that does not ask for them.
//!
//! Generates `codegen/tests/fixtures/features.yaml` (tags `pets` and `Store Front`, an
//! untagged operation, types one tag, both tags or no operation reach) with the option, then
//! checks, in its own crate under `target/features/` (builds share `target/corpus-target`,
//! with `cargo xtask corpus`): with no tag's feature the crate, its tests and its mocks compile
//! without warnings; with
//! `pets` alone a downstream use of `pets` compiles and one of `store_front`'s operation or of
//! a type only it uses does not ("no method named", "cannot find"); with the default features
//! both compile, and so do the crate's own tests (its examples test, its mocks).

use codegen_cli::Invocation;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const FIXTURE: &str = "codegen/tests/fixtures/features.yaml";

/// A downstream use of the `pets` tag: its operation, its types, and the shared ones.
const USES_PETS: &str = r#"
use features::types::{Pet, PetKind, Problem, Catalog, Address};

pub async fn pets(client: &features::Client) -> Result<Vec<Pet>, features::Error<Problem>> {
    let _always = (Catalog::default(), Address::default());
    let pets = client.list_pets().kind(PetKind::Dog).send().await?;
    Ok(pets.into_inner())
}

fn main() {
    let _ = pets;
    let _ = Pet::builder().name("Rex").build();
}
"#;

/// A downstream use of the `store_front` tag.
const USES_STORE: &str = r#"
use features::types::Order;

pub async fn order(client: &features::Client) {
    let order = Order::builder().quantity(1).build();
    let _ = client.place_order(order).send().await;
}

fn main() {
    let _ = order;
}
"#;

pub fn features_cmd(root: &Path, args: &[String]) -> ExitCode {
    if let Some(other) = args.first() {
        eprintln!("usage: cargo xtask features\nunknown argument `{other}`");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    match run(root) {
        Ok(()) => {
            println!(
                "features: every check passed in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path) -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let out = target.join("features/features");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let runtime = crate::corpus::relative(&out, &root.join("codegen/runtime"));
    let args = [
        "--spec",
        &root.join(FIXTURE).display().to_string(),
        "--out",
        &out.display().to_string(),
        "--name",
        "features",
        "--runtime",
        &format!("path:{runtime}"),
        "--features-by-tag",
        "-q",
    ]
    .map(String::from);
    let invocation = Invocation::parse(&args)?.ok_or("cannot build the codegen arguments")?;
    if invocation.run() != ExitCode::SUCCESS {
        return Err(format!("codegen --features-by-tag failed on {FIXTURE}"));
    }
    let examples = out.join("examples");
    std::fs::create_dir_all(&examples).map_err(|e| e.to_string())?;
    std::fs::write(examples.join("uses_pets.rs"), USES_PETS).map_err(|e| e.to_string())?;
    std::fs::write(examples.join("uses_store.rs"), USES_STORE).map_err(|e| e.to_string())?;
    let shared = target.join("corpus-target");
    let check = |what: &[&str]| -> Result<(bool, String), String> {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .arg("check")
            .args(what)
            .arg("--manifest-path")
            .arg(out.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &shared)
            .env("CARGO_PROFILE_DEV_DEBUG", "false")
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        Ok((
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ))
    };
    let expect = |what: &[&str], compiles: bool, says: &[&str]| -> Result<(), String> {
        let (ok, stderr) = check(what)?;
        let crate_warnings = stderr
            .lines()
            .any(|l| l.starts_with("warning") && !l.contains("generated") && !l.contains('@'));
        if ok != compiles || (ok && crate_warnings) {
            return Err(format!(
                "cargo check {}: expected it to {}:\n{stderr}",
                what.join(" "),
                if compiles {
                    "compile without warnings"
                } else {
                    "fail"
                }
            ));
        }
        if let Some(missing) = says.iter().find(|s| !stderr.contains(*s)) {
            return Err(format!(
                "cargo check {}: expected the error to mention `{missing}`:\n{stderr}",
                what.join(" ")
            ));
        }
        println!(
            "features: cargo check {} {}",
            what.join(" "),
            if ok { "compiles" } else { "fails, as it must" }
        );
        Ok(())
    };
    expect(
        &[
            "--lib",
            "--tests",
            "--no-default-features",
            "--features",
            "mock",
        ],
        true,
        &[],
    )?;
    expect(
        &[
            "--example",
            "uses_pets",
            "--no-default-features",
            "--features",
            "pets",
        ],
        true,
        &[],
    )?;
    expect(
        &[
            "--example",
            "uses_store",
            "--no-default-features",
            "--features",
            "pets",
        ],
        false,
        &["no method named `place_order`", "Order"],
    )?;
    expect(
        &[
            "--example",
            "uses_pets",
            "--no-default-features",
            "--features",
            "store_front",
        ],
        false,
        &["no method named `list_pets`", "Pet"],
    )?;
    expect(&["--all-targets", "--features", "mock"], true, &[])?;
    Ok(())
}
