//! Solving: the value of one number of the design at which one actor's NPV,
//! cash or net value reaches a target (0 by default: the fee at which it
//! breaks even, the customers it needs). The number is scanned over a
//! sensible range at [`POINTS`] values, each worked out from the base
//! analysis with only that number changed (as a sensitivity swing is); every
//! sign change is then narrowed by bisection. No solution, one, or several
//! are all answers.

use rayon::prelude::*;

use crate::analysis::{verdict, Analysis};
use crate::index::NodeIdx;
use crate::validate::ValueDesign;

use super::links::Links;
use super::path::Target;
use super::sensitivity::changed_totals;

/// Values scanned across the range.
pub const POINTS: usize = 4_000;

/// What is to reach the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aim {
    /// Net present value of the actor's cash.
    Npv,
    /// Its cash over the horizon.
    Cash,
    /// Its net value over the horizon (by its goal).
    NetValue,
}

impl Aim {
    /// The word for it.
    pub fn word(self) -> &'static str {
        match self {
            Aim::Npv => "NPV",
            Aim::Cash => "cash",
            Aim::NetValue => "net value",
        }
    }

    fn of(self, t: &verdict::Totals) -> f64 {
        match self {
            Aim::Npv => t.npv,
            Aim::Cash => t.revenue - t.spend - t.costs,
            Aim::NetValue => t.net_value,
        }
    }
}

/// A value at which the aim reaches the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solution {
    /// The number's value.
    pub value: f64,
    /// The aim there (the target, up to the bisection's precision).
    pub reached: f64,
}

/// The answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    /// The range scanned, low to high.
    pub range: (f64, f64),
    /// Every value in the range where the aim reaches the target, low to high.
    pub solutions: Vec<Solution>,
    /// The aim at the number's value in the file.
    pub at_file: f64,
    /// The smallest aim seen in the scan, and where.
    pub lowest: (f64, f64),
    /// The largest aim seen in the scan, and where.
    pub highest: (f64, f64),
}

impl Solved {
    /// Whether the number moves the aim at all.
    pub fn moves(&self) -> bool {
        self.lowest.1 != self.highest.1
    }
}

/// The range a number is scanned over: from its lowest valid value to 100
/// times its value in the file (at least 100).
pub fn range(target: Target, value: f64) -> (f64, f64) {
    let high = 100.0 * value.abs().max(1.0);
    match target {
        Target::NodeGrowth(_) => (-0.99, value.max(0.0) + 10.0),
        Target::DiscountRate => (0.0, value.max(0.0) + 1.0),
        Target::NodeChurn(_) => (0.0, 1.0),
        _ => (0.0, high),
    }
}

/// Where `target` makes actor `a`'s aim equal `equals`. `base` is the
/// analysis of `design`; `target` must not be the horizon.
pub fn solve(
    design: &ValueDesign,
    base: &Analysis,
    a: NodeIdx,
    target: Target,
    aim: Aim,
    equals: f64,
) -> Solved {
    let links = Links::new(&base.network);
    let rate = design.ecosystem().discount_rate;
    let own = verdict::Totals::of(&base.ledgers, a);
    let measure = |v: f64| -> f64 {
        changed_totals(base, rate, &links, None, target, v, Some(a))
            .first()
            .map_or(aim.of(&own), |(_, t)| aim.of(t))
    };
    let value = target.get(design.ecosystem());
    let (lo, hi) = range(target, value);
    let xs: Vec<f64> = (0..POINTS)
        .map(|k| lo + (hi - lo) * k as f64 / (POINTS - 1) as f64)
        .collect();
    let ys: Vec<f64> = xs.par_iter().map(|&x| measure(x) - equals).collect();
    let mut solutions = Vec::new();
    for k in 0..POINTS {
        if ys[k] == 0.0 && (k == 0 || ys[k - 1] != 0.0) {
            solutions.push(Solution {
                value: xs[k],
                reached: ys[k] + equals,
            });
        } else if k + 1 < POINTS && ys[k + 1] != 0.0 && (ys[k] < 0.0) != (ys[k + 1] < 0.0) {
            let x = bisect(&measure, equals, (xs[k], ys[k]), xs[k + 1]);
            // Not a crossing but a jump (the aim is not continuous there):
            // only a value that comes close counts.
            let (y, gap) = (measure(x) - equals, (ys[k] - ys[k + 1]).abs());
            if y.abs() > 1e-6 * gap.max(1.0) {
                continue;
            }
            solutions.push(Solution {
                value: x,
                reached: measure(x),
            });
        }
    }
    let pick = |better: fn(f64, f64) -> bool| {
        let mut best = (xs[0], ys[0]);
        for (&x, &y) in xs.iter().zip(&ys) {
            if better(y, best.1) {
                best = (x, y);
            }
        }
        (best.0, best.1 + equals)
    };
    let (lowest, highest) = (pick(|y, b| y < b), pick(|y, b| y > b));
    if lowest.1 == highest.1 {
        // The number does not move the aim: no value is a solution.
        solutions.clear();
    }
    Solved {
        range: (lo, hi),
        solutions,
        at_file: measure(value),
        lowest,
        highest,
    }
}

/// Narrows a sign change of `measure - equals` between `(x0, y0)` and `x1`
/// to where it crosses, to the last bits of the value.
fn bisect(
    measure: &impl Fn(f64) -> f64,
    equals: f64,
    (mut x0, mut y0): (f64, f64),
    mut x1: f64,
) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (x0 + x1);
        if mid <= x0.min(x1) || mid >= x0.max(x1) {
            break;
        }
        let y = measure(mid) - equals;
        if y == 0.0 {
            return mid;
        }
        if (y < 0.0) == (y0 < 0.0) {
            (x0, y0) = (mid, y);
        } else {
            x1 = mid;
        }
    }
    // The end nearer the crossing.
    let y1 = measure(x1) - equals;
    if y0.abs() <= y1.abs() {
        x0
    } else {
        x1
    }
}
