//! The bar chart of the people quoted most, drawn as inline SVG from the core's layout
//! (`who::chart::layout`): one bar each, stacked by label in the label colours of the
//! stylesheet (claims hatched too, so colour is never the only cue). The SVG is hidden from
//! screen readers, which read the same numbers from the table beside it; in a window too
//! narrow for the chart's names, the stylesheet shows that table instead of the chart.

use std::rc::Rc;

use gloss_core::who::{self, chart};
use yew::prelude::*;

use crate::model::Label;

/// The drawing's units (the SVG scales to the dialog's width).
const WIDTH: f64 = 640.0;
const NAME_END: f64 = 164.0;
const BAR_X: f64 = 172.0;
const BAR_WIDTH: f64 = 420.0;
const ROW: f64 = 26.0;
const BAR: f64 = 16.0;
const AXIS: f64 = 22.0;
/// Names longer than this are cut (the table below has them whole).
const NAME_CHARS: usize = 24;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub rows: Rc<Vec<who::Row>>,
}

fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(NAME_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn segment(bar_index: usize, s: &chart::Segment) -> Html {
    let x = BAR_X + s.x * BAR_WIDTH;
    let y = bar_index as f64 * ROW + (ROW - BAR) / 2.0;
    let width = (s.width * BAR_WIDTH).max(1.0);
    let class = format!("who-bar label-{}", s.label.slug());
    html! {
        <>
            <rect {class} x={x.to_string()} y={y.to_string()} width={width.to_string()} height={BAR.to_string()} />
            if s.label == Label::Claim {
                <rect class="who-bar-hatch" x={x.to_string()} y={y.to_string()} width={width.to_string()} height={BAR.to_string()} fill="url(#who-hatch)" />
            }
        </>
    }
}

#[component]
pub fn WhoChart(props: &ChartProps) -> Html {
    let layout = chart::layout(&props.rows, chart::TOP);
    let plot = layout.bars.len() as f64 * ROW;
    let height = plot + AXIS;
    let grid = layout.ticks.iter().map(|&(count, at)| {
        let x = (BAR_X + at * BAR_WIDTH).to_string();
        html! {
            <g class="who-tick">
                <line x1={x.clone()} x2={x.clone()} y1="0" y2={plot.to_string()} />
                <text x={x} y={(plot + 15.0).to_string()} text-anchor="middle">{ count }</text>
            </g>
        }
    });
    let bars = layout.bars.iter().enumerate().map(|(i, bar)| {
        let middle = (i as f64 * ROW + ROW / 2.0).to_string();
        let end: f64 = bar.segments.iter().map(|s| s.x + s.width).fold(0.0, f64::max);
        html! {
            <g class="who-row">
                <text class="who-name" x={NAME_END.to_string()} y={middle.clone()} text-anchor="end" dominant-baseline="central">{ short(&bar.name) }</text>
                { for bar.segments.iter().map(|s| segment(i, s)) }
                <text class="who-total" x={(BAR_X + end * BAR_WIDTH + 6.0).to_string()} y={middle} dominant-baseline="central">{ bar.total }</text>
            </g>
        }
    });
    let table_rows = layout.bars.iter().map(|bar| {
        let count = |label: Label| {
            bar.segments
                .iter()
                .find(|s| s.label == label)
                .map_or(0, |s| s.count)
        };
        html! {
            <tr>
                <th scope="row">{ bar.name.clone() }</th>
                <td>{ count(Label::Quote) }</td>
                <td>{ count(Label::Claim) }</td>
                <td>{ bar.total }</td>
            </tr>
        }
    });
    html! {
        <figure class="who-figure">
            <figcaption id="who-chart-title">{ format!("Quoted most (top {})", layout.bars.len()) }</figcaption>
            <p class="who-legend" aria-hidden="true">
                <span class="who-key label-quote">{ "Quote" }</span>
                <span class="who-key label-claim">{ "Claim" }</span>
            </p>
            <svg class="who-chart" viewBox={format!("0 0 {WIDTH} {height}")} aria-hidden="true" focusable="false" preserveAspectRatio="xMinYMin meet">
                <defs>
                    <pattern id="who-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                        <rect class="who-hatch-line" x="0" y="0" width="2" height="6" />
                    </pattern>
                </defs>
                { for grid }
                { for bars }
            </svg>
            <table class="who-chart-table" aria-labelledby="who-chart-title">
                <thead>
                    <tr><th scope="col">{ "Name" }</th><th scope="col">{ "Quotes" }</th><th scope="col">{ "Claims" }</th><th scope="col">{ "Total" }</th></tr>
                </thead>
                <tbody>{ for table_rows }</tbody>
            </table>
        </figure>
    }
}
