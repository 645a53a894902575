//! The CPU-bound kernels of the comparison view: pure functions over a range of integers, cut
//! into chunks whose results add up exactly (integers, no floating-point sums), so the
//! sequential run, the runs through a global lock and the free rayon run of `crates/parallel`
//! must all give the same answer, and the native reference here checks it.

use std::ops::Range;

/// Which kernel to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// How many primes are below `n`, each tested by trial division up to its square root,
    /// like the course notes' `is_prime`.
    Primes,
    /// The sum of `i * i` for `i` below `n`.
    Squares,
    /// How many of `n` pseudo-random points of the unit square fall inside the quarter circle
    /// (pi ≈ 4 × hits / n); point `i` comes from a hash of `i`, so any split gives the same hits.
    MonteCarlo,
}

impl Kernel {
    pub fn parse(name: &str) -> Option<Kernel> {
        match name {
            "primes" => Some(Kernel::Primes),
            "squares" => Some(Kernel::Squares),
            "monte-carlo" => Some(Kernel::MonteCarlo),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kernel::Primes => "primes",
            Kernel::Squares => "squares",
            Kernel::MonteCarlo => "monte-carlo",
        }
    }

    /// The kernel's result over one chunk of its input.
    pub fn run(self, chunk: Range<u64>) -> u128 {
        match self {
            Kernel::Primes => chunk.filter(|&n| is_prime(n)).count() as u128,
            Kernel::Squares => chunk.map(|i| u128::from(i) * u128::from(i)).sum(),
            Kernel::MonteCarlo => chunk.filter(|&i| inside_quarter_circle(i)).count() as u128,
        }
    }
}

/// The course notes' `is_prime`: trial division by every integer from 2 to √n.
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut i = 2;
    while i * i <= n {
        if n.is_multiple_of(i) {
            return false;
        }
        i += 1;
    }
    true
}

/// SplitMix64's finaliser: a well-mixed 64-bit hash of `i`.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Point `i` of the Monte-Carlo kernel: two 32-bit coordinates in [0, 1) from one hash.
fn inside_quarter_circle(i: u64) -> bool {
    let h = mix(i);
    let (x, y) = (h >> 32, h & 0xFFFF_FFFF);
    // x² + y² < 2⁶⁴, exactly, in integers.
    u128::from(x) * u128::from(x) + u128::from(y) * u128::from(y) < 1u128 << 64
}

/// `0..n` cut into `chunks` ranges of nearly equal length (more work per chunk for primes near
/// `n` is evened out by using many more chunks than workers).
pub fn chunks(n: u64, chunks: u64) -> Vec<Range<u64>> {
    let chunks = chunks.clamp(1, n.max(1));
    (0..chunks)
        .map(|k| (n * k / chunks)..(n * (k + 1) / chunks))
        .collect()
}

/// The whole kernel over `0..n`, on this thread: the reference every mode must equal.
pub fn reference(kernel: Kernel, n: u64) -> u128 {
    kernel.run(0..n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious definitions, to compare the kernels with.
    fn primes_below(n: u64) -> u128 {
        (0..n)
            .filter(|&k| k >= 2 && (2..k).all(|d| !k.is_multiple_of(d)))
            .count() as u128
    }

    #[test]
    fn is_prime_agrees_with_the_definition_and_known_counts() {
        assert_eq!(reference(Kernel::Primes, 2_000), primes_below(2_000));
        assert_eq!(reference(Kernel::Primes, 100_000), 9_592);
        // The comparison view's default N; tests/e2e/parallel.test.mjs expects this count.
        assert_eq!(reference(Kernel::Primes, 5_000_000), 348_513);
        assert!(!is_prime(0) && !is_prime(1) && is_prime(2) && is_prime(97));
        assert!(!is_prime(91) && is_prime(1_000_003));
    }

    #[test]
    fn squares_match_the_closed_form() {
        let n: u128 = 1_000_000;
        assert_eq!(
            reference(Kernel::Squares, 1_000_000),
            (n - 1) * n * (2 * n - 1) / 6
        );
    }

    #[test]
    fn monte_carlo_estimates_pi() {
        let n = 1_000_000;
        let pi = 4.0 * reference(Kernel::MonteCarlo, n) as f64 / n as f64;
        assert!((pi - std::f64::consts::PI).abs() < 0.01, "{pi}");
    }

    #[test]
    fn any_split_adds_up_to_the_reference() {
        for kernel in [Kernel::Primes, Kernel::Squares, Kernel::MonteCarlo] {
            let whole = reference(kernel, 50_000);
            for k in [1, 2, 7, 64, 1_000] {
                let parts = chunks(50_000, k);
                assert_eq!(parts.len() as u64, k);
                assert_eq!(parts.first().map(|r| r.start), Some(0));
                assert_eq!(parts.last().map(|r| r.end), Some(50_000));
                assert!(parts.windows(2).all(|w| w[0].end == w[1].start));
                let sum: u128 = parts.into_iter().map(|c| kernel.run(c)).sum();
                assert_eq!(sum, whole, "{kernel:?} in {k} chunks");
            }
        }
    }

    #[test]
    fn kernels_are_named() {
        for kernel in [Kernel::Primes, Kernel::Squares, Kernel::MonteCarlo] {
            assert_eq!(Kernel::parse(kernel.name()), Some(kernel));
        }
        assert_eq!(Kernel::parse("nope"), None);
    }
}
