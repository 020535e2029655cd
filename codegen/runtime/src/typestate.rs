//! Type-level bookkeeping for the generated builders: which required fields are set.
//!
//! A builder's state is a balanced binary tree of pairs with one [`Slot`] per required field:
//! `Slot<()>` while the field is unset, `Slot<T>` once it holds a `T`. A setter names its
//! field's place by a path of [`L`] and [`R`] steps ending in [`Here`], and [`Replace`] swaps
//! that one slot, so a setter's signature has `O(log n)` tokens however many required fields
//! the type has, where one type parameter per field made it `O(n)` (and a builder `O(n²)`).
//! The trait solver walks at most `log₂ n` levels, far below any recursion limit.
//!
//! Two traits carry the compiler's messages for every builder: `build()` requires each slot
//! to be [`IsSet`] (only the field's type is) and a setter requires its slot to be
//! [`IsUnset`] (only `()` is). Their `Owner` and `Field` parameters (the struct, and a
//! generated marker type named after the setter) are what the messages print, so a missing or
//! twice-set field is named without a trait of its own per field.
//!
//! Generated code only names these items; users never need to.

use std::marker::PhantomData;

/// One required field's value: `()` while unset.
#[doc(hidden)]
#[derive(Clone, Copy, Default)]
pub struct Slot<T>(pub T);

/// The end of a path: this slot.
#[doc(hidden)]
pub struct Here;

/// A path step into the left half of a pair.
#[doc(hidden)]
pub struct L<P>(PhantomData<P>);

/// A path step into the right half of a pair.
#[doc(hidden)]
pub struct R<P>(PhantomData<P>);

/// Replaces the slot at path `P` with one holding a `V`.
#[doc(hidden)]
pub trait Replace<P, V> {
    /// What the slot held before (`()` when it was unset).
    type Old;
    /// The state with the slot replaced.
    type Out;
    /// Stores `value` in the slot; the old content is dropped.
    fn replace(self, value: V) -> Self::Out;
}

/// The state `S` with the slot at `P` holding a `V`.
#[doc(hidden)]
pub type With<S, P, V> = <S as Replace<P, V>>::Out;

/// What the slot at `P` of state `S` holds now (`()` while unset).
#[doc(hidden)]
pub type Held<S, P, V> = <S as Replace<P, V>>::Old;

/// `build()`'s proof that the required field `Field` of `Owner` holds a `T`: only `T` is.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Owner}` needs its required field `{Field}`: call `.{Field}(..)` before `.build()`",
    label = "`{Field}` is not set"
)]
pub trait IsSet<Owner, Field, T> {
    /// The field's value.
    fn into_field(self) -> T;
}

#[diagnostic::do_not_recommend]
impl<Owner, Field, T> IsSet<Owner, Field, T> for T {
    fn into_field(self) -> T {
        self
    }
}

/// A setter's proof that the required field `Field` of `Owner` is not set yet: only `()` is.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Owner}`'s required field `{Field}` is already set: each required field is set once",
    label = "`{Field}` set again here"
)]
pub trait IsUnset<Owner, Field> {}

#[diagnostic::do_not_recommend]
impl<Owner, Field> IsUnset<Owner, Field> for () {}

impl<T, V> Replace<Here, V> for Slot<T> {
    type Old = T;
    type Out = Slot<V>;
    fn replace(self, value: V) -> Slot<V> {
        Slot(value)
    }
}

impl<A: Replace<P, V>, B, P, V> Replace<L<P>, V> for (A, B) {
    type Old = A::Old;
    type Out = (A::Out, B);
    fn replace(self, value: V) -> Self::Out {
        (self.0.replace(value), self.1)
    }
}

impl<A, B: Replace<P, V>, P, V> Replace<R<P>, V> for (A, B) {
    type Old = B::Old;
    type Out = (A, B::Out);
    fn replace(self, value: V) -> Self::Out {
        (self.0, self.1.replace(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_replaces_one_slot_and_keeps_the_others() {
        let state = ((Slot(()), Slot(())), Slot(()));
        let state = Replace::<L<R<Here>>, _>::replace(state, "b");
        let state = Replace::<R<Here>, _>::replace(state, 3);
        let ((Slot(a), Slot(b)), Slot(c)) = state;
        assert_eq!((a, b, c), ((), "b", 3));
    }

    #[test]
    fn a_set_slot_gives_its_value_and_only_unit_is_unset() {
        struct Owner;
        struct Field;
        fn unset<S: IsUnset<Owner, Field>>(_: S) {}
        unset(());
        assert_eq!(IsSet::<Owner, Field, u8>::into_field(7u8), 7);
    }
}
