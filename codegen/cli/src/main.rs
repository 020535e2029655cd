//! `codegen`: generate a typed async Rust client from an OpenAPI 3.0 or 3.1 document.

use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("diff") {
        return codegen_cli::diff::run(&args[1..]);
    }
    match codegen_cli::Invocation::parse(&args) {
        Ok(Some(invocation)) => invocation.run(),
        Ok(None) => {
            println!("{}", codegen_cli::HELP);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n\nRun `codegen --help` for the options.");
            ExitCode::from(2)
        }
    }
}
