//! The words the rules key on.
//!
//! A **cue** is a verb of speech or cognition (said, told, added, insisted, believes …) or the
//! phrase "according to": it marks an attribution. Some cues take their content clause directly
//! ("said the talks failed"); the others only after "that", or when what follows reads as a
//! clause (it has an auxiliary or a past form: "insisted the work had finished"), so that
//! "announced the release" is not taken for reported speech.

/// How a cue word introduces what was said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    /// Say, tell (with its object), think: the clause may follow directly.
    Say,
    /// Tell: an object comes first ("told reporters that …").
    Tell,
    /// Every other cue: the clause follows "that", or reads as a clause.
    Other,
}

/// Cue words by stem; every listed form counts.
const SAY: &[&str] = &[
    "say", "says", "said", "saying", "think", "thinks", "thought", "believe", "believes",
    "believed", "add", "adds", "added", "adding",
];
const TELL: &[&str] = &["tell", "tells", "told", "telling"];
const OTHER: &[&str] = &[
    "state", "states", "stated", "stating", "note", "notes", "noted", "noting", "warn", "warns",
    "warned", "warning", "argue", "argues", "argued", "arguing", "insist", "insists",
    "insisted", "insisting", "claim", "claims", "claimed", "claiming", "deny", "denies",
    "denied", "denying", "announce", "announces", "announced", "announcing", "explain",
    "explains", "explained", "explaining", "declare", "declares", "declared", "declaring",
    "confirm", "confirms", "confirmed", "confirming", "acknowledge", "acknowledges",
    "acknowledged", "admit", "admits", "admitted", "admitting", "reply", "replies", "replied",
    "respond", "responds", "responded", "ask", "asks", "asked", "write", "writes", "wrote",
    "writing", "stress", "stresses", "stressed", "emphasise", "emphasised", "emphasize",
    "emphasized", "assert", "asserts", "asserted", "maintain", "maintains", "maintained",
    "contend", "contends", "contended", "conclude", "concludes", "concluded", "predict",
    "predicts", "predicted", "recall", "recalls", "recalled", "urge", "urges", "urged",
    "promise", "promises", "promised", "vow", "vows", "vowed", "pledge", "pledged", "caution",
    "cautioned", "complain", "complains", "complained", "concede", "concedes", "conceded",
    "suggest", "suggests", "suggested", "report", "reports", "reported", "estimate",
    "estimates", "estimated", "fear", "fears", "feared", "hope", "hopes", "hoped", "expect",
    "expects", "expected", "tweeted", "posted", "wrote", "continued", "remarked", "observed",
    "commented", "agreed", "disputes", "disputed", "doubted", "doubts", "recognise",
    "recognises", "recognised", "recognize", "recognizes", "recognized", "know", "knows",
    "knew",
];

/// Cues that open a quotation whatever the words: used to keep a short quotation.
pub(super) fn cue(word: &str) -> Option<Cue> {
    if SAY.contains(&word) {
        Some(Cue::Say)
    } else if TELL.contains(&word) {
        Some(Cue::Tell)
    } else if OTHER.contains(&word) {
        Some(Cue::Other)
    } else {
        None
    }
}

/// Whether a cue is a participle ("saying", "adding"): its subject is the clause's subject,
/// further left ("Russia reciprocated, saying …").
pub(super) fn is_participle(word: &str) -> bool {
    word.ends_with("ing")
}

/// Words that make a following clause read as one: auxiliaries and modals.
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "has", "had", "have", "will", "would", "could",
    "should", "can", "may", "might", "must", "did", "does", "do", "shall", "won’t", "won't",
    "wasn’t", "wasn't", "isn’t", "isn't", "hadn’t", "hadn't", "would’ve",
];

/// Words that may sit between a subject and its cue ("Putin himself said", "X also said").
pub(super) const BETWEEN_SUBJECT_AND_CUE: &[&str] = &[
    "also", "himself", "herself", "itself", "themselves", "later", "previously", "earlier",
    "has", "had", "have", "then", "recently", "repeatedly", "publicly", "once", "again",
    "would", "will", "has", "had", "was", "is", "further", "separately", "privately", "only",
    "first", "last", "reportedly", "quickly", "then", "on", "friday", "monday", "tuesday",
    "wednesday", "thursday", "saturday", "sunday", "yesterday", "today", "told", "who",
];

/// Pronouns that can stand for a speaker: people, then organisations.
pub(super) fn pronoun(word: &str) -> Option<Referent> {
    match word {
        "he" | "she" => Some(Referent::Person),
        "it" | "they" => Some(Referent::Organisation),
        _ => None,
    }
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Referent {
    Person,
    Organisation,
}

/// Words that say what a person is rather than who. Dropped from the front of a name
/// ("Fisheries Minister Oona Halloran" → "Oona Halloran"); standing alone ("the spokesman
/// added") they point back to the person introduced with them.
pub(super) const ROLES: &[&str] = &[
    "admiral", "adviser", "advisor", "aide", "ambassador", "analyst", "archbishop", "attorney",
    "bishop", "capt", "captain", "ceo", "chair", "chairman", "chairperson", "chairwoman",
    "chancellor", "chief", "coach", "col", "colonel", "commander", "commissioner",
    "congressman", "congresswoman", "councillor", "councilor", "councilman", "dame", "deputy",
    "det", "detective", "director", "dr", "economist", "emir", "envoy", "executive", "gen",
    "general", "gov", "governor", "harbourmaster", "harbormaster", "head", "inspector", "judge",
    "justice", "king", "lady", "lawmaker", "lawyer", "leader", "lord", "lt", "manager", "mayor",
    "minister", "miss", "mp", "mr", "mrs", "ms", "mx", "negotiator", "officer", "pope",
    "premier", "president", "prince", "princess", "prof", "professor", "prosecutor", "queen",
    "rep", "representative", "researcher", "rev", "reverend", "secretary", "secretary-general",
    "sen", "senator", "sergeant", "sgt", "sheikh", "sheriff", "sir", "speaker", "spokesman",
    "spokesperson", "spokeswoman", "superintendent", "vice-president", "chairmain",
    "harbour-master", "foreman", "founder", "owner", "organiser", "organizer", "activist",
    "scientist", "doctor", "nurse", "teacher", "mother", "father",
];

/// Roles that name the same job ("the spokesperson" for a "spokesman").
pub(super) fn role_family(role: &str) -> &str {
    match role {
        "spokeswoman" | "spokesperson" => "spokesman",
        "chairwoman" | "chairperson" | "chair" => "chairman",
        "harbormaster" | "harbour-master" => "harbourmaster",
        "councilor" | "councilman" => "councillor",
        "advisor" => "adviser",
        other => other,
    }
}

pub(super) fn is_role(word: &str) -> bool {
    ROLES.contains(&word)
}

/// Capitalised words that begin sentences but name nobody.
pub(super) const NOT_NAMES: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "i", "he", "she", "it", "we", "they",
    "you", "his", "her", "its", "our", "their", "my", "your", "but", "and", "or", "nor", "if",
    "when", "while", "after", "before", "since", "as", "at", "in", "on", "of", "for", "from",
    "to", "by", "with", "without", "under", "over", "according", "although", "though",
    "because", "however", "meanwhile", "yet", "so", "still", "then", "there", "here", "not",
    "no", "yes", "both", "each", "every", "all", "some", "many", "most", "few", "other",
    "another", "such", "what", "who", "whom", "whose", "which", "why", "how", "where",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "during", "until", "despite", "also",
    "even", "only", "just", "now", "today", "yesterday", "tomorrow", "last", "next", "first",
    "once", "instead", "thus", "indeed", "asked", "speaking", "earlier", "later", "whether",
    "unlike", "like", "among", "between", "about", "around", "into", "through", "against",
    "more", "less", "one", "two", "three", "several", "any", "none", "nothing", "everyone",
    "someone", "nobody", "can", "will", "would", "should", "could", "did", "do", "does", "is",
    "was", "were", "are", "has", "have", "had", "let", "please", "thank", "thanks", "oh",
    "well", "again", "almost", "already", "always", "never", "perhaps", "maybe", "above",
    "below", "near", "per", "via", "towards", "toward", "upon", "within", "north", "south",
    "east", "west", "northern", "southern", "eastern", "western", "prime", "foreign",
];

/// Words that end a name of an event or a thing, not of an actor ("Ukraine War").
pub(super) const NOT_ACTOR_ENDINGS: &[&str] = &[
    "war", "cup", "games", "olympics", "day", "week", "agreement", "accord", "accords",
    "treaty", "act", "bill", "law", "summit", "festival", "prize", "award", "bridge", "street",
    "road", "avenue", "square", "river", "sea", "ocean", "lake", "mountain", "mountains",
    "island", "islands", "harbour", "harbor", "port", "airport", "station", "hospital",
    "stadium", "park", "hall", "tower", "building", "centre", "center", "building", "plan",
    "programme", "program", "project", "strait", "channel", "canal", "valley", "coast",
    "peninsula", "region", "province", "county", "district", "state", "city", "town",
    "village", "times", "era", "age",
];

/// Words in an organisation's name ("Nordlys Ferries", "Valmora Foreign Ministry").
pub(super) const ORG_WORDS: &[&str] = &[
    "kremlin", "pentagon", "ministry", "council", "parliament", "government", "party", "union",
    "authority", "commission", "agency", "bank", "company", "corporation", "corp", "inc",
    "ltd", "plc", "group", "association", "committee", "court", "congress", "senate", "police",
    "army", "navy", "university", "institute", "office", "department", "service", "services",
    "organisation", "organization", "foundation", "federation", "league", "bureau", "board",
    "ferries", "airlines", "airways", "reuters", "fund", "coalition", "alliance", "movement",
    "network", "club", "trust", "chamber", "assembly", "cabinet", "administration", "command",
    "forces", "house", "embassy", "nations", "times", "post", "news", "press", "tribunal",
    "secretariat", "directorate", "railways", "energy", "holdings", "partners", "industries",
    "guard", "guards", "brigade", "unions", "watch", "society", "council’s",
];

/// Lower-case nouns that make a place or name before them an organisation ("the Valmora
/// foreign ministry"), with the adjectives that may come between.
pub(super) const ORG_HEADS: &[&str] = &[
    "ministry", "government", "council", "parliament", "army", "police", "military", "navy",
    "embassy", "cabinet", "administration", "presidency", "authorities",
];
pub(super) const ORG_HEAD_ADJECTIVES: &[&str] = &[
    "foreign", "interior", "defence", "defense", "finance", "health", "justice", "city",
    "state", "regional", "national", "federal", "transport", "environment", "education",
    "economy", "trade", "fisheries", "energy", "culture",
];

/// Words before a description of an organisation ("Environmental group Clearwater Coast").
pub(super) const ORG_DESCRIPTORS: &[&str] = &[
    "group", "company", "firm", "operator", "organisation", "organization", "agency", "union",
    "party", "charity", "broadcaster", "newspaper", "carrier", "airline", "bank", "insurer",
    "retailer", "manufacturer", "maker", "regulator", "network", "coalition", "association",
    "ngo", "campaign", "campaigners", "giant", "startup", "club", "channel", "outlet",
];

/// Prepositions that put a name in a place ("arrived in Moscow", "at Saltmere").
pub(super) const LOCATIVE: &[&str] = &[
    "in", "at", "near", "across", "throughout", "outside", "inside", "into", "around", "across",
];

/// Verbs of moving after which "to X" is a place ("flew to Vardø").
pub(super) const MOTION: &[&str] = &[
    "flew", "fly", "flies", "travelled", "traveled", "travel", "went", "go", "goes", "return",
    "returned", "returns", "came", "come", "moved", "sailed", "drove", "headed", "trip",
    "visit", "journey", "delegation", "deligation", "flight", "flights", "route", "ferry",
    "crossing", "crossings", "road", "back",
];
