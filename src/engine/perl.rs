//! The `perl` of the perl images, for the one-liner the Kubernetes Job example runs:
//! `perl -Mbignum=bpi -wle 'print bpi(2000)'`, which prints π to 2000 significant digits.
//!
//! The digits are computed (Machin's formula in fixed point, base 10⁹ limbs), then rounded to
//! the requested accuracy as Math::BigFloat's `bpi(N)` rounds (half to even on the digit after).

/// What a perl run printed and its exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerlOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit: i32,
}

/// The largest accuracy kubeplay computes: the work grows with the square of the digits, and a
/// page must not freeze on `bpi(1000000)` (a real perl takes minutes well before that).
const MAX_DIGITS: usize = 10_000;

/// Runs `perl ARGS`: switches (`-M`, `-w`, `-l`, `-e`, bundled as `-wle`), then the program.
/// Only `print bpi(N)` (with `-Mbignum=bpi` loaded) is simulated; other programs fail with a
/// message saying so.
pub fn run(args: &[String]) -> PerlOutput {
    let mut modules = Vec::new();
    let mut newline = false;
    let mut program: Option<String> = None;
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        if let Some(module) = arg.strip_prefix("-M") {
            modules.push(module.to_string());
            continue;
        }
        let Some(switches) = arg.strip_prefix('-').filter(|s| !s.is_empty()) else {
            // A script file: perl reads it; kubeplay has none to read.
            return fail(format!("Can't open perl script \"{arg}\": No such file or directory\n"), 2);
        };
        for (at, switch) in switches.char_indices() {
            match switch {
                'w' => {}
                'l' => newline = true,
                'e' | 'E' => {
                    let rest = &switches[at + 1..];
                    program = Some(if !rest.is_empty() {
                        rest.to_string()
                    } else if index < args.len() {
                        index += 1;
                        args[index - 1].clone()
                    } else {
                        return fail("No code specified for -e.\n".to_string(), 29);
                    });
                    break;
                }
                other => return fail(format!("Unrecognized switch: -{other}  (-h will show valid options).\n"), 29),
            }
        }
        if program.is_some() {
            break;
        }
    }
    let Some(program) = program else {
        // No program: perl would read one from its standard input, which is empty here.
        return PerlOutput { stdout: String::new(), stderr: String::new(), exit: 0 };
    };
    let has_bpi = modules.iter().any(|m| m.split_once('=').is_some_and(|(name, imports)| name == "bignum" && imports.split(',').any(|i| i == "bpi")));
    match parse_print_bpi(&program) {
        Some(_) if !has_bpi => fail(format!("Undefined subroutine &main::bpi called at -e line 1.\n"), 255),
        Some(digits) if digits == 0 || digits > MAX_DIGITS => fail(format!("kubeplay: bpi({digits}) is not simulated (1 to {MAX_DIGITS} digits)\n"), 255),
        Some(digits) => {
            let mut stdout = pi_digits(digits);
            if newline {
                stdout.push('\n');
            }
            PerlOutput { stdout, stderr: String::new(), exit: 0 }
        }
        None => fail(format!("kubeplay: this perl program is not simulated: {program}\n"), 255),
    }
}

fn fail(stderr: String, exit: i32) -> PerlOutput {
    PerlOutput { stdout: String::new(), stderr, exit }
}

/// `print bpi(N)` (spaces and a final `;` allowed): N.
fn parse_print_bpi(program: &str) -> Option<usize> {
    let text = program.trim().trim_end_matches(';').trim();
    let rest = text.strip_prefix("print")?.trim_start();
    let inner = rest.strip_prefix("bpi")?.trim_start().strip_prefix('(')?.strip_suffix(')')?;
    inner.trim().parse().ok()
}

/// π with `digits` significant digits, as `bpi(digits)` prints it: `3.14159…`.
pub fn pi_digits(digits: usize) -> String {
    // Ten guard digits settle the rounding digit (π has no run of ten 9s or 0s this early).
    let raw = pi_truncated(digits + 10);
    let mut kept: Vec<u8> = raw.as_bytes()[..digits].to_vec();
    let next = raw.as_bytes()[digits] - b'0';
    let rest_nonzero = raw.as_bytes()[digits + 1..].iter().any(|b| *b != b'0');
    let last_odd = kept.last().is_some_and(|d| (d - b'0') % 2 == 1);
    if next > 5 || (next == 5 && (rest_nonzero || last_odd)) {
        // Round up, carrying.
        for digit in kept.iter_mut().rev() {
            if *digit == b'9' {
                *digit = b'0';
            } else {
                *digit += 1;
                break;
            }
        }
    }
    let text = String::from_utf8(kept).unwrap_or_default();
    if text.len() == 1 {
        text
    } else {
        format!("{}.{}", &text[..1], &text[1..])
    }
}

/// The first `digits` decimal digits of π (`314159…`), truncated.
fn pi_truncated(digits: usize) -> String {
    const BASE: u64 = 1_000_000_000;
    // Fixed point with `limbs` base-10⁹ digits after the point, plus the integer limb.
    let limbs = digits / 9 + 3;
    // π = 16·atan(1/5) − 4·atan(1/239) (Machin).
    let a = arctan_inverse(5, limbs, BASE);
    let b = arctan_inverse(239, limbs, BASE);
    let mut pi = vec![0u64; limbs + 1];
    let mut carry = 0u64;
    for i in (0..=limbs).rev() {
        let value = a[i] * 16 + carry;
        pi[i] = value % BASE;
        carry = value / BASE;
    }
    let mut times_four = vec![0u64; limbs + 1];
    carry = 0;
    for i in (0..=limbs).rev() {
        let value = b[i] * 4 + carry;
        times_four[i] = value % BASE;
        carry = value / BASE;
    }
    subtract(&mut pi, &times_four, BASE);
    let mut text = pi[0].to_string();
    for limb in &pi[1..] {
        text.push_str(&format!("{limb:09}"));
    }
    text.truncate(digits);
    text
}

/// atan(1/x) in fixed point: Σ (−1)ᵏ / ((2k+1)·x²ᵏ⁺¹), limb 0 the integer part.
fn arctan_inverse(x: u64, limbs: usize, base: u64) -> Vec<u64> {
    let mut sum = vec![0u64; limbs + 1];
    let mut power = vec![0u64; limbs + 1];
    power[0] = 1;
    divide(&mut power, x, base);
    let mut term = power.clone();
    add(&mut sum, &term, base);
    let x2 = x * x;
    let mut k = 1u64;
    loop {
        divide(&mut power, x2, base);
        if power.iter().all(|l| *l == 0) {
            break;
        }
        term.copy_from_slice(&power);
        divide(&mut term, 2 * k + 1, base);
        if k % 2 == 1 {
            subtract(&mut sum, &term, base);
        } else {
            add(&mut sum, &term, base);
        }
        k += 1;
    }
    sum
}

fn divide(number: &mut [u64], divisor: u64, base: u64) {
    let mut remainder = 0u64;
    for limb in number.iter_mut() {
        let value = remainder * base + *limb;
        *limb = value / divisor;
        remainder = value % divisor;
    }
}

fn add(sum: &mut [u64], term: &[u64], base: u64) {
    let mut carry = 0u64;
    for i in (0..sum.len()).rev() {
        let value = sum[i] + term[i] + carry;
        sum[i] = value % base;
        carry = value / base;
    }
}

fn subtract(sum: &mut [u64], term: &[u64], base: u64) {
    let mut borrow = 0u64;
    for i in (0..sum.len()).rev() {
        let take = term[i] + borrow;
        if sum[i] >= take {
            sum[i] -= take;
            borrow = 0;
        } else {
            sum[i] = sum[i] + base - take;
            borrow = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn bpi_rounds_to_its_accuracy() {
        for (digits, want) in [(1, "3"), (2, "3.1"), (3, "3.14"), (4, "3.142"), (5, "3.1416"), (8, "3.1415927"), (10, "3.141592654"), (32, "3.1415926535897932384626433832795")] {
            assert_eq!(pi_digits(digits), want, "bpi({digits})");
        }
    }

    #[test]
    fn the_job_example_prints_two_thousand_digits() {
        let mut args = words("-Mbignum=bpi -wle");
        args.push("print bpi(2000)".to_string());
        let output = run(&args);
        assert_eq!(output.exit, 0);
        let line = output.stdout.strip_suffix('\n').expect("-l ends the line");
        assert_eq!(line.len(), 2001);
        assert!(line.starts_with("3.14159265358979323846264338327950288419716939937510"));
        // The Feynman point: six 9s from the 762nd decimal.
        assert_eq!(&line[2 + 761..2 + 767], "999999");
    }

    #[test]
    fn other_programs_fail_plainly() {
        assert_eq!(run(&words("-e")).exit, 29);
        assert_eq!(run(&words("-Mbignum=bpi -le print(1)")).exit, 255);
        assert_eq!(run(&["-le".to_string(), "print bpi(5)".to_string()]).stderr, "Undefined subroutine &main::bpi called at -e line 1.\n");
        assert_eq!(run(&words("-x")).exit, 29);
        assert_eq!(run(&words("script.pl")).exit, 2);
        assert_eq!(run(&["-Mbignum=bpi".to_string(), "-le".to_string(), "print bpi(0)".to_string()]).exit, 255);
    }
}
