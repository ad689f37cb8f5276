//! The agreement figures as tables: one per group of annotators (each pair, then everyone when
//! there are three or more), a row per label and one for all labels, a column per measure.
//! Every cell says the value to three decimals, what it rests on (units), and for κ and α_u
//! the observed and expected agreement (disagreement for α_u). An undefined figure says so.

use yew::prelude::*;

use gloss_core::agree::{Annotators, Figure, Measure, Report};
use gloss_core::model::Label;

#[derive(Properties, PartialEq)]
pub struct FiguresProps {
    pub report: std::rc::Rc<Report>,
    /// "What does κ mean?" pressed: the explanation opens.
    pub on_help: Callback<()>,
}

const ROWS: [Option<Label>; 4] = [
    Some(Label::Claim),
    Some(Label::Quote),
    Some(Label::Actor),
    None,
];

fn group_name(who: &Annotators) -> String {
    match who {
        Annotators::Pair(a, b) => format!("{a} and {b}"),
        Annotators::All => "Everyone".to_owned(),
    }
}

/// What a measure's column is called, and what its units are.
fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::ExactF1 => "Exact F1",
        Measure::OverlapF1 => "Overlap F1",
        Measure::CohenKappa => "Cohen's κ",
        Measure::FleissKappa => "Fleiss' κ",
        Measure::AlphaU => "Krippendorff's α_u",
    }
}

fn units(m: Measure, n: usize) -> String {
    let what = match m {
        Measure::ExactF1 | Measure::OverlapF1 => "marks",
        Measure::CohenKappa | Measure::FleissKappa => "token decisions",
        Measure::AlphaU => "characters",
    };
    format!("{n} {what}")
}

fn value(x: Option<f64>) -> String {
    x.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.3}"))
}

fn cell(f: Option<&Figure>) -> Html {
    let Some(f) = f else {
        return html! { <td class="figure none">{ "—" }</td> };
    };
    let detail = match (f.observed, f.expected, f.measure) {
        (Some(o), Some(e), Measure::AlphaU) => {
            format!("observed disagreement {o:.3}, expected {e:.3}")
        }
        (Some(o), Some(e), _) => format!("observed {o:.3}, expected {e:.3}"),
        _ => String::new(),
    };
    html! {
        <td class={classes!("figure", f.value.is_none().then_some("undefined"))} data-measure={f.measure.slug()}>
            <span class="value">{ value(f.value) }</span>
            <span class="units">{ units(f.measure, f.units) }</span>
            if !detail.is_empty() {
                <span class="detail">{ detail }</span>
            }
        </td>
    }
}

#[component]
pub fn Figures(props: &FiguresProps) -> Html {
    let figures = &props.report.figures;
    let mut groups: Vec<&Annotators> = Vec::new();
    for f in figures {
        if !groups.contains(&&f.annotators) {
            groups.push(&f.annotators);
        }
    }
    if groups.is_empty() {
        return html! {
            <p class="compare-empty">{ "Nothing to compare: agreement needs two annotators' layers on the same article. Import a colleague's Gloss JSON export of it (Import annotations): their annotations come in as their layer." }</p>
        };
    }
    let help = props.on_help.reform(|_: MouseEvent| ());
    let tables = groups.into_iter().map(|who| {
        let mine: Vec<&Figure> = figures.iter().filter(|f| &f.annotators == who).collect();
        let mut measures: Vec<Measure> = Vec::new();
        for f in &mine {
            if !measures.contains(&f.measure) {
                measures.push(f.measure);
            }
        }
        let name = group_name(who);
        let head = measures.iter().map(|&m| {
            let kappa = matches!(m, Measure::CohenKappa | Measure::FleissKappa);
            html! {
                <th scope="col">
                    { measure_name(m) }
                    if kappa {
                        <button type="button" class="what" onclick={help.clone()}>{ "What does κ mean?" }</button>
                    }
                </th>
            }
        });
        let rows = ROWS.iter().map(|&label| {
            let cells = measures.iter().map(|&m| {
                cell(mine.iter().copied().find(|f| f.label == label && f.measure == m))
            });
            html! {
                <tr>
                    <th scope="row">{ label.map_or("All labels", Label::name) }</th>
                    { for cells }
                </tr>
            }
        });
        html! {
            <table class="figures">
                <caption>{ name }</caption>
                <thead><tr><th scope="col">{ "Label" }</th>{ for head }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    });
    html! { <div class="figure-tables">{ for tables }</div> }
}

/// What the figures mean, in a few sentences each (the long version is docs/AGREEMENT.md).
#[component]
pub fn Explanation() -> Html {
    html! {
        <dl class="compare-help">
            <dt>{ "Exact F1" }</dt>
            <dd>{ "Of the marks two people made, the share both made with the same start, end and label (1: every mark the same; 0: none). The units are both people's marks together." }</dd>
            <dt>{ "Overlap F1" }</dt>
            <dd>{ "The same, but two marks of one label count as matching when they share any text (each mark matched once). Lower exact than overlap F1 means people find the same things but cut them differently." }</dd>
            <dt id="compare-help-kappa">{ "Cohen's κ and Fleiss' κ (what does κ mean?)" }</dt>
            <dd>{ "Every word of the article is a decision, per label: inside a mark or not. κ is how much more often people decide alike than chance would make them: (observed − expected) ÷ (1 − expected). 1 is perfect agreement, 0 no better than chance, below 0 worse. Cohen's κ is for two people, Fleiss' κ for three or more. Observed and expected agreement are shown under it; the units are the word decisions." }</dd>
            <dt>{ "Krippendorff's α_u" }</dt>
            <dd>{ "Agreement on unitizing: where marks begin and end, character by character, including what nobody marked (INCEpTION and the annotation literature use it for spans of free length). 1 − observed ÷ expected disagreement; 1 is perfect, 0 chance level." }</dd>
            <dt>{ "Undefined" }</dt>
            <dd>{ "A figure with nothing to rest on (nobody used the label), or where chance agreement is already perfect, is undefined rather than a misleading number." }</dd>
        </dl>
    }
}
