//! The two files brat reads beside a collection's documents: `annotation.conf` says which
//! annotation types exist, `visual.conf` how they look.

use crate::formats::colour;
use crate::model::Label;

/// Gloss's labels as brat entity types, and its one relation: `Source`, from a quote or claim
/// (Arg1) to the actor who said it (Arg2). The `<OVERLAP>` line lets any span overlap any
/// other in any way (nested, equal, crossing), as Gloss does: without it brat refuses to show
/// crossing spans and two labels on the same words. Gloss has no events; brat wants the section
/// all the same. Its attributes are a claim's `Verdict`, valued by the verdicts' slugs, and
/// the layers' `Curated` (see `layer`); `Annotator` needs the names, see
/// [`annotation_conf_with`].
pub fn annotation_conf() -> String {
    annotation_conf_with(&[])
}

/// [`annotation_conf`] with the attribute `Annotator` valued by `names`, the people whose
/// annotations the export holds (none: no `Annotator`, as brat wants a value list).
pub fn annotation_conf_with(names: &[String]) -> String {
    let mut out = String::from("# Gloss's labels, written by Gloss.\n[entities]\n");
    for label in Label::ALL {
        out.push_str(label.name());
        out.push('\n');
    }
    out.push_str(
        "\n[relations]\n\
         # A quote or claim and the actor who said it.\n\
         Source\tArg1:Claim|Quote, Arg2:Actor\n\
         # Gloss lets spans nest, cross and coincide.\n\
         <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\
         \n[events]\n\
         \n[attributes]\n",
    );
    out.push_str(&super::checks::conf_line());
    out.push_str(&super::layer::conf_lines(names));
    out
}

/// Each label's name, and its background in Gloss's colour. Quote's blue is dark enough that
/// white text reads better on it (contrast 5.2 against 4.0 for black); brat's default black
/// text stays on Claim's orange and Actor's green.
pub fn visual_conf() -> String {
    let mut labels = String::new();
    let mut drawing = String::new();
    for label in Label::ALL {
        let name = label.name();
        labels.push_str(&format!("{name} | {name}\n"));
        drawing.push_str(&format!("{name}\tbgColor:{}", colour(label)));
        if label == Label::Quote {
            drawing.push_str(", fgColor:white");
        }
        drawing.push('\n');
    }
    format!("# Gloss's colours, written by Gloss.\n[labels]\n{labels}\n[drawing]\n{drawing}")
}
