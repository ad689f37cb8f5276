//! The bar chart's layout: the entities quoted most, one bar each, stacked by label. Positions
//! are fractions of the bar area's width (0 to 1), so the view only scales them; the view draws
//! the SVG and the table a screen reader reads instead.

use super::{Row, RowKey, COUNTED};
use crate::model::Label;

/// How many bars the chart shows at most.
pub const TOP: usize = 10;

/// One label's part of a bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub label: Label,
    pub count: usize,
    /// Where it starts, as a fraction of the axis (0 to 1).
    pub x: f64,
    /// How wide it is, as a fraction of the axis.
    pub width: f64,
}

/// One entity's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub key: RowKey,
    pub name: String,
    pub total: usize,
    /// Only labels with a count, in [`COUNTED`] order.
    pub segments: Vec<Segment>,
}

/// The whole chart: bars (most first) and the axis's ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub bars: Vec<Bar>,
    /// The count at the end of the axis (a tick), at least 1.
    pub max: usize,
    /// Counts with a grid line, from 0 to `max`, and where they sit (fractions).
    pub ticks: Vec<(usize, f64)>,
}

/// A step for about four grid lines up to `top`: 1, 2 or 5 times a power of ten.
fn step_for(top: usize) -> usize {
    let mut unit = 1usize;
    loop {
        for m in [1, 2, 5] {
            let step = unit.saturating_mul(m);
            if top.div_ceil(step) <= 4 {
                return step;
            }
        }
        unit = unit.saturating_mul(10);
    }
}

/// The chart of `rows` (already sorted, most first): the first `top` rows with a quote or claim.
pub fn layout(rows: &[Row], top: usize) -> Chart {
    let shown: Vec<&Row> = rows.iter().filter(|r| r.total() > 0).take(top).collect();
    let highest = shown.iter().map(|r| r.total()).max().unwrap_or(0).max(1);
    let step = step_for(highest);
    let max = highest.div_ceil(step) * step;
    let scale = |n: usize| n as f64 / max as f64;
    let bars = shown
        .into_iter()
        .map(|row| {
            let mut x = 0.0;
            let segments = COUNTED
                .into_iter()
                .filter(|&label| row.count(label) > 0)
                .map(|label| {
                    let count = row.count(label);
                    let segment = Segment {
                        label,
                        count,
                        x,
                        width: scale(count),
                    };
                    x += segment.width;
                    segment
                })
                .collect();
            Bar {
                key: row.key.clone(),
                name: row.name.clone(),
                total: row.total(),
                segments,
            }
        })
        .collect();
    let ticks = (0..=max / step)
        .map(|i| (i * step, scale(i * step)))
        .collect();
    Chart { bars, max, ticks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_give_at_most_four_intervals() {
        for (top, want) in [
            (1, 1),
            (3, 1),
            (4, 1),
            (5, 2),
            (8, 2),
            (9, 5),
            (20, 5),
            (21, 10),
            (45, 20),
            (400, 100),
        ] {
            assert_eq!(step_for(top), want, "{top}");
        }
    }
}
