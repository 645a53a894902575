//! The iteration order of a set, as CPython's hash table produces it. Sets of ints print in
//! "hash order" (`{9, 2, 3, 4}`), which programs show; we keep insertion order internally and
//! replay CPython's table insertions (open addressing, 9 linear probes, then perturbation,
//! resizing at 3/5 full) to recover that order. Sets holding values whose hash CPython
//! randomises per process (str) keep insertion order: CPython's own order varies there.

use crate::value::{SetMap, Value};

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MIN_SIZE: usize = 8;

/// CPython's hash of a number, when it is the same in every process.
fn stable_hash(v: &Value) -> Option<u64> {
    let h: i64 = match v {
        Value::Int(i) => {
            let m = (1i64 << 61) - 1;
            let r = i.rem_euclid(m);
            if *i < 0 {
                -((-i) % m)
            } else {
                r
            }
        }
        Value::Bool(b) => *b as i64,
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e18 => *f as i64,
        _ => return None,
    };
    Some((if h == -1 { -2 } else { h }) as u64)
}

fn insert_clean(table: &mut [Option<usize>], hash: u64, item: usize) {
    let mask = table.len() - 1;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        if table[i].is_none() {
            table[i] = Some(item);
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in 1..=LINEAR_PROBES {
                if table[i + j].is_none() {
                    table[i + j] = Some(item);
                    return;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

pub fn ordered(set: &SetMap) -> Vec<Value> {
    let keys: Vec<Value> = set.keys().map(|k| k.0.clone()).collect();
    let hashes: Option<Vec<u64>> = keys.iter().map(stable_hash).collect();
    let Some(hashes) = hashes else { return keys };
    let mut table: Vec<Option<usize>> = vec![None; MIN_SIZE];
    let mut used = 0usize;
    for (item, &h) in hashes.iter().enumerate() {
        insert_clean(&mut table, h, item);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = MIN_SIZE;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for idx in old.into_iter().flatten() {
                insert_clean(&mut table, hashes[idx], idx);
            }
        }
    }
    table
        .into_iter()
        .flatten()
        .map(|i| keys[i].clone())
        .collect()
}
