//! Places and nationalities: names that are not actors unless they speak ("Russia
//! reciprocated, saying …"). A short list of countries, regions and large cities, in lower
//! case; places the list does not know are found by how the text uses them ("arrived in X").

const PLACES: &[&str] = &[
    "afghanistan", "africa", "albania", "algeria", "america", "andorra", "angola", "antarctica",
    "argentina", "armenia", "asia", "australia", "austria", "azerbaijan", "bahrain",
    "bangladesh", "belarus", "belgium", "benin", "bhutan", "bolivia", "bosnia", "botswana",
    "brazil", "britain", "bulgaria", "burma", "burundi", "cambodia", "cameroon", "canada",
    "chad", "chile", "china", "colombia", "congo", "crimea", "croatia", "cuba", "cyprus",
    "czechia", "denmark", "donbas", "donetsk", "ecuador", "egypt", "england", "eritrea",
    "estonia", "ethiopia", "europe", "finland", "france", "gaza", "georgia", "germany", "ghana",
    "greece", "greenland", "guatemala", "guinea", "haiti", "honduras", "hungary", "iceland",
    "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "japan", "jordan",
    "kazakhstan", "kenya", "korea", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia",
    "lebanon", "liberia", "libya", "lithuania", "luxembourg", "madagascar", "malawi",
    "malaysia", "mali", "malta", "mexico", "moldova", "monaco", "mongolia", "montenegro",
    "morocco", "mozambique", "myanmar", "namibia", "nepal", "netherlands", "nicaragua",
    "niger", "nigeria", "norway", "oman", "pakistan", "palestine", "panama", "paraguay", "peru",
    "philippines", "poland", "portugal", "qatar", "romania", "russia", "rwanda", "scotland",
    "senegal", "serbia", "singapore", "slovakia", "slovenia", "somalia", "spain", "sudan",
    "sweden", "switzerland", "syria", "taiwan", "tajikistan", "tanzania", "thailand", "tibet",
    "togo", "tunisia", "turkey", "turkmenistan", "uganda", "ukraine", "uruguay", "uzbekistan",
    "venezuela", "vietnam", "wales", "yemen", "zambia", "zimbabwe", "united states",
    "united kingdom", "united arab emirates", "south africa", "north korea", "south korea",
    "saudi arabia", "new zealand", "sri lanka", "middle east", "west bank", "latin america",
    "north america", "south america", "u.s", "us", "usa", "uk", "eu", "moscow", "kyiv", "kiev",
    "kharkiv", "odesa", "odessa", "mariupol", "washington", "london", "paris", "berlin",
    "beijing", "tokyo", "delhi", "new delhi", "mumbai", "cairo", "istanbul", "ankara",
    "tehran", "baghdad", "damascus", "beirut", "jerusalem", "tel aviv", "riyadh", "doha",
    "dubai", "brussels", "geneva", "vienna", "rome", "madrid", "lisbon", "warsaw", "prague",
    "budapest", "oslo", "stockholm", "helsinki", "copenhagen", "amsterdam", "athens",
    "minsk", "tbilisi", "baku", "yerevan", "new york", "los angeles", "chicago", "toronto",
    "ottawa", "sydney", "canberra", "seoul", "pyongyang", "taipei", "hong kong", "shanghai",
    "bangkok", "jakarta", "manila", "hanoi", "nairobi", "lagos", "johannesburg", "brasilia",
    "mexico city", "havana", "caracas", "bogota", "lima", "santiago", "buenos aires",
    "st petersburg", "saint petersburg", "florida", "texas", "california", "siberia",
    "scandinavia", "balkans", "caucasus", "arctic", "baltic", "kursk", "zaporizhzhia",
    "kherson", "luhansk", "riga", "vilnius", "tallinn", "sofia", "bucharest", "belgrade",
    "zagreb", "sarajevo", "chisinau", "dublin", "edinburgh", "munich", "frankfurt", "milan",
    "barcelona", "zurich", "karachi", "islamabad", "kabul", "dhaka", "kathmandu", "colombo",
];

const DEMONYMS: &[&str] = &[
    "american", "russian", "ukrainian", "british", "french", "german", "chinese", "japanese",
    "israeli", "iranian", "iraqi", "saudi", "turkish", "polish", "swedish", "danish",
    "norwegian", "finnish", "dutch", "greek", "italian", "spanish", "portuguese", "european",
    "african", "asian", "arab", "palestinian", "syrian", "indian", "pakistani", "afghan",
    "korean", "mexican", "canadian", "australian", "brazilian", "belarusian", "georgian",
    "swiss", "austrian", "irish", "scottish", "welsh", "english", "egyptian", "qatari",
    "emirati", "yemeni", "lebanese", "venezuelan", "cuban", "western", "eastern", "northern",
    "southern", "soviet", "nordic", "baltic", "latin", "hungarian", "czech", "slovak",
    "serbian", "croatian", "romanian", "bulgarian", "lithuanian", "latvian", "estonian",
    "moldovan", "armenian", "azerbaijani", "kazakh", "uzbek", "turkmen", "kurdish", "jewish",
    "muslim", "christian", "catholic", "protestant", "orthodox", "sunni", "shia", "shiite",
    "libyan", "sudanese", "somali", "ethiopian", "kenyan", "nigerian", "ghanaian",
    "vietnamese", "thai", "filipino", "indonesian", "malaysian", "taiwanese", "tibetan",
    "mongolian", "nepali", "democratic", "republican", "federal", "national", "international",
    "global", "royal", "parliamentary", "presidential", "governmental", "european",
];

/// Whether `key` (a lower-case name) is a place the list knows.
pub(super) fn is_known_place(key: &str) -> bool {
    PLACES.contains(&key)
}

/// Whether `word` (lower case) is an adjective of nationality, region or faith.
pub(super) fn is_demonym(word: &str) -> bool {
    DEMONYMS.contains(&word)
}
