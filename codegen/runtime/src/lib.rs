//! Runtime support shared by every client the generator emits: what is the same for every API.
//!
//! Generated crates depend on this crate so that the generator emits only what is specific to a
//! spec. It owns the value-level helpers ([`Nullable`], [`UnknownValue`], [`Pattern`],
//! [`ConstraintError`]) and the HTTP machinery (client configuration, auth, retries, errors).

mod constraint;
mod nullable;
mod unknown;

pub use constraint::{ConstraintError, Pattern};
pub use nullable::Nullable;
pub use unknown::UnknownValue;
