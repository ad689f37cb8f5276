//! The selected annotation's details: who said it (a quote's or claim's source, with the
//! picker) or who it is (an actor's person: rename, move, merge), its note, resizing and
//! deleting.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::checking::{CheckCommand, Checking};
use super::picker::SourcePicker;
use crate::model::offsets::{Edge, Resize};
use crate::model::{Annotation, AnnotationId, DocumentId, Entity, EntityId, Label};
use crate::state::Candidate;

/// What the details show of the selected annotation's links, worked out by the app.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Links {
    /// A quote's or claim's source, by name.
    pub source: Option<AttrValue>,
    /// Whether the source picker is open, and what it offers.
    pub picking: bool,
    pub candidates: Rc<[Candidate]>,
    /// An actor's person.
    pub person: Option<Entity>,
    /// The article's other people (a mention can move to one of them).
    pub others: Rc<[Entity]>,
    /// The other people of the whole library (a person can be merged into one of them).
    pub everyone: Rc<[Entity]>,
}

/// What the link controls ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkCommand {
    /// Open the source picker.
    Pick,
    /// Close it.
    Cancel,
    /// Link to this actor mention, or (`None`) remove the source.
    SetSource(Option<AnnotationId>),
    /// Rename the actor's person.
    Rename(String),
    /// Move the actor mention to this person, or (`None`) to a new one.
    MoveTo(Option<EntityId>),
    /// Make the actor's person and this one the same.
    MergeInto(EntityId),
}

#[derive(Properties, PartialEq)]
struct LinkProps {
    links: Links,
    on_link: Callback<LinkCommand>,
}

/// A quote's or claim's source: who said it, "Source" to pick, "Remove source".
#[component]
fn Source(props: &LinkProps) -> Html {
    let links = &props.links;
    let pick = props.on_link.reform(|_: MouseEvent| LinkCommand::Pick);
    let remove = props
        .on_link
        .reform(|_: MouseEvent| LinkCommand::SetSource(None));
    let on_pick = props
        .on_link
        .reform(|actor| LinkCommand::SetSource(Some(actor)));
    let on_cancel = props.on_link.reform(|()| LinkCommand::Cancel);
    html! {
        <div class="links" role="group" aria-label="Source">
            <p class="links-row">
                <span class="links-key">{ "Said by" }</span>
                if let Some(name) = links.source.clone() {
                    <strong class="links-name">{ name }</strong>
                } else {
                    <span class="links-none">{ "no source yet" }</span>
                }
            </p>
            <div class="links-actions">
                <button type="button" class="small" aria-expanded={links.picking.to_string()} onclick={pick}>{ "Source" }</button>
                if links.source.is_some() {
                    <button type="button" class="small" onclick={remove}>{ "Remove source" }</button>
                }
            </div>
            if links.picking {
                <SourcePicker candidates={Rc::clone(&links.candidates)} {on_pick} {on_cancel} />
            }
        </div>
    }
}

/// An actor's person: its name (editable: renames it in every article), and moving this
/// mention to another person or merging the person with another.
#[component]
fn Person(props: &LinkProps) -> Html {
    let links = &props.links;
    let Some(person) = links.person.clone() else {
        return html! {};
    };
    let rename = props.on_link.reform(|event: Event| {
        let field: HtmlInputElement = event.target_unchecked_into();
        LinkCommand::Rename(field.value())
    });
    // One menu for both: moving this mention, or making its person one with another.
    let on_change = {
        let on_link = props.on_link.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let value = select.value();
            select.set_value("");
            let entity = |id: &str| uuid::Uuid::parse_str(id).ok().map(EntityId);
            let command = match value.split_once(':') {
                Some(("move", "new")) => Some(LinkCommand::MoveTo(None)),
                Some(("move", id)) => entity(id).map(|e| LinkCommand::MoveTo(Some(e))),
                Some(("merge", id)) => entity(id).map(LinkCommand::MergeInto),
                _ => None,
            };
            if let Some(command) = command {
                on_link.emit(command);
            }
        })
    };
    let option = |kind: &'static str| move |e: &Entity| html! { <option value={format!("{kind}:{}", e.id)}>{ e.name.clone() }</option> };
    html! {
        <div class="links" role="group" aria-label="Person">
            <label class="links-field">
                <span class="links-key">{ "Person" }</span>
                <input type="text" value={person.name.clone()} onchange={rename} aria-describedby="person-hint" />
            </label>
            <p class="sr-only" id="person-hint">{ "Renaming changes the name in every article." }</p>
            <select class="links-change" onchange={on_change} aria-label="Change person">
                <option value="" selected=true>{ "Change…" }</option>
                <optgroup label="Move this mention to">
                    { for links.others.iter().map(option("move")) }
                    <option value="move:new">{ "A new person" }</option>
                </optgroup>
                if !links.everyone.is_empty() {
                    <optgroup label="Same person as (merge)">
                        { for links.everyone.iter().map(option("merge")) }
                    </optgroup>
                }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    /// The open document, named in every note saved (one may be saved after it closed).
    pub document: DocumentId,
    pub annotation: Option<Annotation>,
    /// The annotation's text, excerpted.
    pub text: Option<AttrValue>,
    /// Who said it, or who it is.
    pub links: Links,
    pub on_note: Callback<(DocumentId, AnnotationId, String)>,
    pub on_resize: Callback<(Edge, Resize)>,
    pub on_delete: Callback<AnnotationId>,
    pub on_link: Callback<LinkCommand>,
    /// A claim's verdict and sources.
    pub on_check: Callback<(AnnotationId, CheckCommand)>,
}

/// The selected annotation: its note and the buttons that change it. While nothing is
/// selected the controls are there but not shown, under a short placeholder.
#[component]
pub fn Details(props: &DetailsProps) -> Html {
    let id = props.annotation.as_ref().map(|a| a.id);
    let document = props.document;
    let note = props.annotation.as_ref().map(|a| a.note.clone());
    // The field is not re-rendered from the note on every render (that would fight the person
    // typing); it is set when another annotation is selected, or when the note changed to
    // something this field did not send (undo, another tab).
    let area_ref = use_node_ref();
    let shown = use_mut_ref(|| None::<AnnotationId>);
    let sent = use_mut_ref(|| None::<String>);
    {
        let area_ref = area_ref.clone();
        let sent = sent.clone();
        use_effect_with((id, note), move |(id, note)| {
            if let Some(area) = area_ref.cast::<HtmlTextAreaElement>() {
                let note = note.as_deref().unwrap_or("");
                let other = *shown.borrow() != *id;
                let ours = sent.borrow().as_deref() == Some(note);
                if (other || !ours) && area.value() != note {
                    area.set_value(note);
                }
                if other || !ours {
                    *sent.borrow_mut() = None;
                }
                *shown.borrow_mut() = *id;
            }
        });
    }
    // Every key goes into the state at once (typing is one undoable edit there); the write to
    // storage follows a pause in typing. Closing the tab mid-sentence keeps the sentence.
    let on_input = {
        let on_note = props.on_note.clone();
        Callback::from(move |event: InputEvent| {
            let Some(id) = id else { return };
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let value = area.value();
            *sent.borrow_mut() = Some(value.clone());
            on_note.emit((document, id, value));
        })
    };
    let resize = |edge: Edge, how: Resize, name: &'static str| {
        let onclick = props.on_resize.reform(move |_: MouseEvent| (edge, how));
        html! { <button type="button" class="small" {onclick}>{ name }</button> }
    };
    let on_delete = {
        let on_delete = props.on_delete.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(id) = id {
                on_delete.emit(id);
            }
        })
    };
    let label = props.annotation.as_ref().map(|a| a.label);
    let slug = label.map(|l| format!("label-{}", l.slug()));
    html! {
        <section class={classes!("details", slug.clone(), label.is_none().then_some("is-empty"))} aria-label="Selected annotation" data-annotation={id.map(|id| id.to_string())}>
            if label.is_none() {
                <p class="details-empty">{ "Nothing selected. Click a highlight or an entry below to see its note, resize it or delete it." }</p>
            }
            // A quote's or claim's source sits beside its label, so selecting one never makes
            // the panel taller (the list below keeps its rows).
            <div class="details-head">
                <span class={classes!("tag", slug)} title="Press 1, 2 or 3 to change the label">{ label.map(Label::name).unwrap_or_default() }</span>
                if label.is_some_and(|l| l != Label::Actor) {
                    <Source links={props.links.clone()} on_link={props.on_link.clone()} />
                } else {
                    <span class="details-hint">{ "Press 1, 2 or 3 to change the label" }</span>
                }
            </div>
            <p class="details-text">{ props.text.clone().unwrap_or_default() }</p>
            if let Some(claim) = props.annotation.as_ref().filter(|a| a.label == Label::Claim) {
                <Checking key={claim.id.to_string()} id={claim.id} verdict={claim.verdict} evidence={claim.evidence.clone()} on_check={props.on_check.clone()} />
            }
            if label == Some(Label::Actor) {
                <Person links={props.links.clone()} on_link={props.on_link.clone()} />
            }
            <label class="note">
                <span>{ "Note" }</span>
                <textarea ref={area_ref} rows="3" oninput={on_input} placeholder="Why it matters, a source to check…" />
            </label>
            // One flow of buttons: Delete goes beside the last resize button where it fits, so a
            // claim's verdict row costs the list no entry.
            <div class="details-actions">
                <div class="resize" role="group" aria-label="Resize by a word">
                    { resize(Edge::Start, Resize::Grow, "Extend start") }
                    { resize(Edge::Start, Resize::Shrink, "Shrink start") }
                    { resize(Edge::End, Resize::Shrink, "Shrink end") }
                    { resize(Edge::End, Resize::Grow, "Extend end") }
                </div>
                <button type="button" class="danger small" onclick={on_delete}>{ "Delete annotation" }</button>
            </div>
        </section>
    }
}

/// What the details show of the selected annotation's links in `state`.
pub fn links_of(state: &crate::state::State) -> Links {
    let (Some(article), Some(selected)) = (state.article.as_ref(), state.selected_annotation())
    else {
        return Links::default();
    };
    let doc = &article.shown;
    if selected.label != Label::Actor {
        let picking = state.picking == Some(selected.id);
        return Links {
            source: state.source_name(selected).map(AttrValue::from),
            picking,
            candidates: if picking {
                state.source_candidates().into()
            } else {
                Rc::from(Vec::new())
            },
            ..Links::default()
        };
    }
    let person = selected.entity.and_then(|e| doc.entity(e)).cloned();
    let mine = person.as_ref().map(|p| p.id);
    let mut others: Vec<Entity> = doc
        .entities
        .iter()
        .filter(|e| Some(e.id) != mine)
        .cloned()
        .collect();
    others.sort_by_key(|e| e.name.to_lowercase());
    let mut everyone: std::collections::BTreeMap<EntityId, Entity> = Default::default();
    for d in state.library.values() {
        for e in &d.entities {
            if Some(e.id) != mine {
                everyone.entry(e.id).or_insert_with(|| e.clone());
            }
        }
    }
    let mut everyone: Vec<Entity> = everyone.into_values().collect();
    everyone.sort_by_key(|e| e.name.to_lowercase());
    Links {
        person,
        others: others.into(),
        everyone: everyone.into(),
        ..Links::default()
    }
}

/// The action a link command asks for, given the state it was given in.
pub fn link_action(
    state: &crate::state::State,
    command: LinkCommand,
    at: crate::model::Timestamp,
) -> Option<crate::state::Action> {
    use crate::state::Action;
    let selected = state.selected_annotation()?;
    let id = selected.id;
    Some(match command {
        LinkCommand::Pick => Action::PickSource,
        LinkCommand::Cancel => Action::CancelPicking,
        LinkCommand::SetSource(source) => Action::SetSource { id, source, at },
        LinkCommand::Rename(name) => Action::RenameEntity {
            id: selected.entity?,
            name,
        },
        LinkCommand::MoveTo(to) => Action::MoveMention {
            id,
            to,
            new_entity: EntityId::random(),
            at,
        },
        LinkCommand::MergeInto(into) => Action::MergeEntities {
            from: selected.entity?,
            into,
            at,
        },
    })
}
