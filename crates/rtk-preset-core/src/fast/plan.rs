//! What the pass checks of a value at each place of a schema, worked out once per schema.

use crate::revision::{ApiRevision, DocumentKind};
use crate::schema::compiled::{compiled, types, CompiledSchema};
use std::sync::OnceLock;

/// The most schema nodes one value is checked against at once (a `$ref` and the branch of an
/// `anyOf` it leads to, ...); more gives up.
pub(super) const MAX_NODES: usize = 8;

/// What the pass checks of a value at a schema node, by the value's JSON type: worked out once
/// per schema ([`plans`]), so that a value costs a lookup, not a walk through `$ref`s and
/// `anyOf`s.
#[derive(Debug, Clone)]
pub(super) enum Plan {
    /// Reported whatever it holds.
    Reject,
    /// Nothing to check (a boolean where a boolean goes).
    Accept,
    /// The own checks of these nodes ([`Scanner::own_checks`]).
    Checks(Box<[usize]>),
    /// An `anyOf` with several branches of this type: [`Scanner::scalar_valid`] tries them.
    Slow,
    /// A container: the node that judges its members or items, if any.
    Judge(Option<usize>),
}

/// The position of a JSON type's bit (see [`json_type`]) among the seven.
pub(super) fn class(found: u8) -> usize {
    (found.trailing_zeros() as usize).min(6)
}

/// The JSON types, one bit each, in [`class`] order.
const CLASSES: [u8; 7] = [
    types::NULL,
    types::BOOLEAN,
    types::INTEGER,
    types::NUMBER & !types::INTEGER,
    types::STRING,
    types::ARRAY,
    types::OBJECT,
];

/// The plans of the schema of a kind and revision, worked out on first use.
pub(super) fn plans(kind: DocumentKind, api: ApiRevision) -> &'static [[Plan; 7]] {
    const SLOTS: usize = DocumentKind::ALL.len() * ApiRevision::ALL.len();
    static CACHE: [OnceLock<Vec<[Plan; 7]>>; SLOTS] = [const { OnceLock::new() }; SLOTS];
    CACHE[crate::schema::compiled::slot(kind, api)].get_or_init(|| {
        let schema = compiled(kind, api);
        (0..schema.nodes.len())
            .map(|index| CLASSES.map(|found| plan(schema, index, found)))
            .collect()
    })
}

fn plan(schema: &CompiledSchema, index: usize, found: u8) -> Plan {
    let (mut nodes_found, mut len) = ([0; MAX_NODES], 0);
    let container = found == types::OBJECT || found == types::ARRAY;
    if !container && ambiguous(schema, index, found) {
        return Plan::Slow;
    }
    if !nodes(schema, index, found, &mut nodes_found, &mut len) {
        return Plan::Reject;
    }
    let nodes_found = &nodes_found[..len];
    if container {
        let mut judge = None;
        for &i in nodes_found {
            let s = &schema.nodes[i];
            // No `enum` value is an array or an object.
            let judges = if found == types::OBJECT {
                s.object_keywords
            } else {
                s.items.is_some()
            };
            if s.enumeration.is_some() || (judges && judge.replace(i).is_some()) {
                return Plan::Reject;
            }
        }
        return Plan::Judge(judge);
    }
    let checks: Box<[usize]> = nodes_found
        .iter()
        .copied()
        .filter(|&i| {
            let s = &schema.nodes[i];
            s.enumeration.is_some()
                || s.minimum.is_some()
                || s.maximum.is_some()
                || s.format.is_some()
        })
        .collect();
    if checks.is_empty() {
        Plan::Accept
    } else {
        Plan::Checks(checks)
    }
}

/// Whether an `anyOf` on the way from `index` has several branches a value of type `found` may
/// take.
fn ambiguous(schema: &CompiledSchema, index: usize, found: u8) -> bool {
    let s = &schema.nodes[index];
    let typed = |b: &usize| schema.type_mask(*b).is_none_or(|mask| mask & found != 0);
    s.reference.is_some_and(|r| ambiguous(schema, r, found))
        || s.any_of.iter().filter(|b| typed(b)).count() > 1
        || s.any_of
            .iter()
            .any(|&b| typed(&b) && ambiguous(schema, b, found))
}

/// The schema nodes a value of JSON type `found` is checked against at `index`, as the
/// validator's quick check ([`crate::validate`]'s `is_valid`) takes them: the node, what its
/// `$ref` names, and the first branch of an `anyOf` of its type (the one sure to be chosen).
/// `false` when the value is reported whatever it holds.
pub(super) fn nodes(
    schema: &CompiledSchema,
    index: usize,
    found: u8,
    out: &mut [usize; MAX_NODES],
    len: &mut usize,
) -> bool {
    let s = &schema.nodes[index];
    if s.never || *len == MAX_NODES {
        return false;
    }
    out[*len] = index;
    *len += 1;
    if let Some(r) = s.reference {
        if !nodes(schema, r, found, out, len) {
            return false;
        }
    }
    if !s.any_of.is_empty() {
        let first = s
            .any_of
            .iter()
            .copied()
            .find(|&b| schema.type_mask(b).is_none_or(|mask| mask & found != 0));
        match first {
            Some(first) if nodes(schema, first, found, out, len) => {}
            _ => return false,
        }
    }
    s.types.is_none_or(|mask| mask & found != 0)
}
