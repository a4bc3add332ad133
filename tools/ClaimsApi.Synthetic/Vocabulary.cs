namespace ClaimsApi.Synthetic;

/// <summary>Word lists for the generator. Real place and state names, invented people and organisations.</summary>
internal static class Vocabulary
{
    /// <summary>name|aliases (;)|capital</summary>
    public static readonly string[] States =
    [
        "Ukraine|Україна;Kyiv;Ukrainian state|Kyiv", "Russia|the Russian Federation;Russian Federation;Moscow;Россия|Moscow",
        "United States|the United States;US;USA;Washington|Washington", "United Kingdom|the UK;UK;Britain;London|London",
        "France|the French Republic;Paris|Paris", "Germany|the Federal Republic of Germany;Berlin;Deutschland|Berlin",
        "Poland|Polska;Warsaw;Republic of Poland|Warsaw", "Brazil|Brasil;Brasília|Brasília", "Japan|日本;Tokyo|Tokyo",
        "China|the People's Republic of China;PRC;Beijing|Beijing", "India|Bharat;New Delhi|New Delhi",
        "Turkey|Türkiye;Ankara|Ankara", "Spain|España;Madrid|Madrid", "Italy|Italia;Rome|Rome", "Mexico|México;Mexico City|Mexico City",
        "Canada|Ottawa|Ottawa", "Nigeria|Abuja;Federal Republic of Nigeria|Abuja", "Kenya|Nairobi|Nairobi", "South Africa|Pretoria;RSA|Pretoria",
        "Egypt|مصر;Cairo|Cairo", "Indonesia|Jakarta|Jakarta", "Vietnam|Việt Nam;Viet Nam;Hanoi|Hanoi",
        "South Korea|Republic of Korea;Seoul;대한민국|Seoul", "North Korea|the DPRK;DPRK;Pyongyang|Pyongyang",
        "Argentina|Buenos Aires;Argentine Republic|Buenos Aires", "Chile|Santiago|Santiago", "Colombia|Bogotá|Bogotá", "Peru|Perú;Lima|Lima",
        "Sweden|Sverige;Stockholm|Stockholm", "Norway|Norge;Oslo|Oslo", "Finland|Suomi;Helsinki|Helsinki", "Denmark|Danmark;Copenhagen|Copenhagen",
        "Iceland|Ísland;Reykjavík|Reykjavík", "Netherlands|the Netherlands;Holland;The Hague|Amsterdam", "Belgium|Brussels;België|Brussels",
        "Switzerland|Schweiz;Suisse;Bern|Bern", "Austria|Österreich;Vienna|Vienna", "Czech Republic|Czechia;Česko;Prague|Prague",
        "Hungary|Magyarország;Budapest|Budapest", "Romania|România;Bucharest|Bucharest", "Moldova|Republic of Moldova;Chișinău|Chișinău",
        "Greece|Ελλάδα;Hellenic Republic;Athens|Athens", "Portugal|Lisbon;Portuguese Republic|Lisbon", "Ireland|Éire;Dublin|Dublin",
        "Georgia|Sakartvelo;Tbilisi|Tbilisi", "Armenia|Yerevan|Yerevan", "Azerbaijan|Baku|Baku", "Kazakhstan|Astana|Astana",
        "Pakistan|Islamabad|Islamabad", "Bangladesh|Dhaka|Dhaka", "Thailand|Bangkok|Bangkok", "Philippines|the Philippines;Manila|Manila",
        "Australia|Canberra;Commonwealth of Australia|Canberra", "New Zealand|Aotearoa;Wellington|Wellington", "Ethiopia|Addis Ababa|Addis Ababa",
        "Ghana|Accra|Accra", "Morocco|Rabat|Rabat", "Senegal|Dakar|Dakar", "Côte d'Ivoire|Ivory Coast;Cote d'Ivoire|Yamoussoukro",
        "Estonia|Eesti;Tallinn|Tallinn", "Latvia|Latvija;Riga|Riga", "Lithuania|Lietuva;Vilnius|Vilnius", "Serbia|Србија;Belgrade|Belgrade",
        "Croatia|Hrvatska;Zagreb|Zagreb",
    ];

    /// <summary>name|aliases (;)</summary>
    public static readonly string[] RealPlaces =
    [
        "Kyiv|Київ;Kiev", "Kharkiv|Харків;Kharkov", "Odesa|Odessa;Одеса", "São Paulo|Sao Paulo;Sampa", "Kraków|Krakow;Cracow",
        "Zürich|Zurich", "Łódź|Lodz", "Gdańsk|Gdansk;Danzig", "Reykjavík|Reykjavik", "Malmö|Malmo", "Düsseldorf|Dusseldorf",
        "Chișinău|Chisinau;Kishinev", "Bogotá|Bogota", "Medellín|Medellin", "Montréal|Montreal", "Tromsø|Tromso",
        "Thessaloniki|Θεσσαλονίκη;Salonica", "Tokyo|東京", "Seoul|서울", "Cairo|القاهرة", "Kursk|Kursk region;Kursk Oblast",
        "Brasília|Brasilia", "Besançon|Besancon", "Nuuk|Godthåb", "Warsaw|Warszawa", "Prague|Praha", "Vienna|Wien",
        "Lisbon|Lisboa", "Mexico City|Ciudad de México;CDMX", "Hanoi|Hà Nội", "Đà Nẵng|Da Nang", "Lagos|Eko", "Nairobi|Nairobi County",
        "Mumbai|Bombay", "Istanbul|İstanbul;Constantinople",
    ];

    /// <summary>name|aliases (;)|role</summary>
    public static readonly string[] FamousPeople =
    [
        "Volodymyr Zelenskyy|Zelenskyy;Zelensky;Володимир Зеленський;Зеленський|the president of Ukraine",
        "Jürgen Müller|Müller;Juergen Mueller;J. Müller|the economy minister of Germany",
        "Zoë Ferreira-Sánchez|Ferreira-Sánchez;Zoe Ferreira-Sanchez|the mayor of São Paulo",
        "Łukasz Wiśniewski|Wiśniewski;Lukasz Wisniewski|a lawmaker from Kraków",
        "Nguyễn Thị Lan|Nguyen Thi Lan;Madame Nguyễn|the trade minister of Vietnam",
        "Ayşe Yılmaz|Ayse Yilmaz;Yılmaz|the chief executive of Yoshinoya Holdings",
        "Søren Østergaard|Soren Ostergaard;Østergaard|the energy minister of Denmark",
        "François Lefèvre|Francois Lefevre;Lefèvre|a senator from Besançon",
        "Adébáyọ̀ Okonkwo|Adebayo Okonkwo;Okonkwo|the governor of Lagos",
        "Siobhán O'Connor|Siobhan O'Connor;O'Connor|the finance minister of Ireland",
    ];

    /// <summary>name|aliases (;) — one of them outside the Basic Multilingual Plane (𠮷, U+20BB7), to exercise code point offsets.</summary>
    public static readonly string[] FamousOrganisations =
    [
        "Yoshinoya Holdings|𠮷野家;Yoshinoya", "Müller & Söhne Stahlwerke|Müller Stahl;MSS",
        "Companhia Energética de São Paulo|CESP;Energética São Paulo", "Česká energetická společnost|ČES;Czech Energy Company",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Maria", "John", "James", "Olena", "Oleksandr", "Andriy", "Iryna", "Pedro", "José", "Ana", "Luis", "Carmen", "Ahmed",
        "Fatima", "Mohamed", "Leila", "Wei", "Li", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Thomas", "Sarah", "David", "Laura",
        "Michael", "Emma", "Lucas", "Chloé", "Zoë", "Łukasz", "Małgorzata", "Søren", "Björn", "Renée", "Ştefan", "Jiří", "Ülle",
        "Ioana", "Agnès", "Ngozi", "Chinedu", "Amara", "Kwame", "Aisha", "Grace", "Peter", "Paul", "Elena", "Dmitri", "Natalia",
        "Giorgi", "Nino", "Aram", "Ravi", "Priya", "Arjun", "Sunita", "Mehmet", "Elif", "Hans", "Greta", "Lars", "Ingrid", "Pierre",
        "Camille", "Marco", "Giulia", "Sofia", "Mateo", "Valentina", "Diego", "Camila", "Tomás", "Inês", "João", "Beatriz", "Kofi",
        "Abena", "Samuel", "Ruth", "Daniel", "Miriam", "Hannah", "Noah", "Olivia", "Ethan", "Mia", "Oscar", "Freya", "Eamon",
        "Siobhán", "Andrés", "Lucía", "Zeynep", "Emre", "Tariq", "Yasmin",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Johnson", "Brown", "Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Silva", "Santos", "Oliveira", "García",
        "Martínez", "Rodríguez", "López", "Hernández", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Nowak", "Kowalski",
        "Wiśniewska", "Dvořák", "Novák", "Svoboda", "Szabó", "Nagy", "Kovačević", "Horvat", "Popescu", "Ionescu", "Papadopoulos",
        "Nikolaidis", "Yılmaz", "Kaya", "Demir", "Doğan", "Çelik", "Haddad", "Mansour", "Khalil", "Wang", "Zhang", "Chen", "Liu",
        "Tanaka", "Suzuki", "Sato", "Kim", "Park", "Lee", "Nguyễn", "Trần", "Phạm", "Okafor", "Adeyemi", "Mensah", "Owusu", "Kamau",
        "Otieno", "Mwangi", "Dlamini", "Naidoo", "Singh", "Sharma", "Patel", "Gupta", "Khan", "Rahman", "Hossain", "Andersson",
        "Johansson", "Sørensen", "Hansen", "Jensen", "Ólafsson", "Häkkinen", "Virtanen", "Lefèvre", "Dubois", "Moreau", "Laurent",
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Gonçalves", "Pereira", "Costa", "O'Brien", "O'Sullivan", "Murphy",
        "Walsh", "van der Berg", "de Vries", "Janssen", "Peeters", "Maes", "Gruber", "Huber", "Bauer", "Wagner", "Becker",
        "Hoffmann", "Petrov", "Ivanova", "Sokolov", "Beridze", "Kapanadze", "Hakobyan", "Aliyev", "Nurlanov", "Mendoza", "Vargas",
        "Castillo", "Rojas", "Morales", "Ortiz", "Cruz", "Reyes", "Flores", "Torres", "Ramírez", "Navarro", "Jiménez", "Ruiz",
        "Díaz", "Álvarez", "Romero", "Sánchez", "Ferreira", "Almeida", "Carvalho", "Ribeiro", "Rocha", "Lima", "Teixeira",
        "Ahmed", "Hussein", "Ali", "Ibrahim", "Abdullah", "Yusuf", "Osei", "Boateng", "Asante", "Diallo", "Ba", "Ndiaye", "Traoré",
    ];

    public static readonly string[] TownStarts =
    [
        "Bel", "Cor", "Dun", "Fal", "Gran", "Hol", "Kar", "Lin", "Mar", "Nor", "Ost", "Pel", "Rav", "Sel", "Tor", "Val", "Wes",
        "Zar", "Bram", "Cal", "Dor", "Eld", "Fen", "Hart", "Kel", "Lom", "Mor", "Nev", "Quen", "Riv", "Sol", "Tam", "Ver", "Vol",
        "Ash", "Brun", "Cres", "Dal", "Erm", "Gor",
    ];

    public static readonly string[] TownEnds =
    [
        "ford", "ton", "wick", "burg", "vik", "mouth", "ville", "stad", "holm", "field", "brook", "grad", "polis", "haven", "moor",
        "dale", "port", "mere", "ley", "sk", "ovo", "ino", "ice", "au", "ów", "øy", "ença", "ăuți", "ek", "ara",
    ];

    public static readonly string[] TownPrefixes = ["New", "Upper", "Lower", "Port", "North", "South", "East", "West", "Old", "Great"];

    public static readonly string[] Mastheads = ["Herald", "Courier", "Ledger", "Observer", "Gazette", "Times", "Post", "Chronicle", "Tribune", "Dispatch"];

    public static readonly string[] Industries =
    [
        "Energy", "Grain", "Steel", "Mining", "Shipping", "Logistics", "Pharmaceuticals", "Telecom", "Motors", "Foods",
        "Textiles", "Chemicals", "Aerospace", "Bank", "Insurance", "Rail", "Water", "Solar", "Fertiliser", "Timber",
    ];

    public static readonly string[] CompanySuffixes = ["Group", "Holdings", "Ltd", "AG", "S.A.", "plc", "Corporation", "& Co", "Partners", "Industries"];

    public static readonly string[] Workers = ["Dockworkers", "Miners", "Teachers", "Nurses", "Rail Workers", "Farmers", "Steelworkers", "Journalists", "Drivers", "Engineers"];

    public static readonly string[] Adjectives = ["National", "Regional", "Independent", "Federal", "Civic", "Northern", "Southern", "Coastal", "United", "Joint"];

    public static readonly string[] Topics =
    [
        "energy", "fuel", "grain", "wheat", "pension", "housing", "healthcare", "education", "defence", "water", "electricity",
        "rail", "fisheries", "tourism", "steel", "copper", "lithium", "fertiliser", "coal", "gas", "solar", "wind", "shipping",
        "banking", "tax", "customs", "migration", "border", "cyber security", "vaccine", "broadband", "semiconductor", "dairy",
        "rice", "cocoa", "coffee", "cotton", "timber", "nuclear", "aviation",
    ];

    public static readonly string[] Commodities =
    [
        "wheat", "maize", "rice", "crude oil", "natural gas", "diesel", "coal", "copper", "lithium", "cobalt", "steel", "aluminium",
        "fertiliser", "sugar", "coffee", "cocoa", "cotton", "timber", "sunflower oil", "uranium",
    ];

    public static readonly string[] Facilities = ["schools", "hospitals", "factories", "mines", "border crossings", "power plants", "clinics", "bank branches", "police stations", "refineries"];

    public static readonly string[] Infrastructure = ["railway", "motorway", "pipeline", "power line", "canal", "bridge", "fibre-optic cable", "tram line"];

    public static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static readonly string[] EventNouns = ["floods", "summit", "protests", "election", "earthquake", "strike", "wildfires", "referendum", "blackout", "drought"];

    public static readonly string[] DocumentNouns = ["annual report", "audit", "white paper", "budget statement", "inquiry report"];

    /// <summary>military-or-any|base|past|object template: the actions of factual claims and predictions.</summary>
    public static readonly string[] Actions =
    [
        "a|cut|cut|{topic} subsidies by {pct}", "m|deploy|deployed|{count} troops to {place}", "a|sign|signed|a {topic} agreement with {org}",
        "a|pay|paid|{money} to {org}", "a|close|closed|{count} {facility} in {place}", "m|detain|detained|{count} protesters in {place}",
        "a|meet|met|{person} in {place}", "a|raise|raised|{topic} taxes by {pct}", "a|receive|received|{money} from {org}",
        "a|export|exported|{tonnes} of {commodity} to {state}", "a|open|opened|an investigation into {org}",
        "a|reject|rejected|a proposal from {org} on {topic} reform", "a|approve|approved|a budget of {money} for {topic}",
        "m|evacuate|evacuated|{count} residents from {place}", "a|block|blocked|{commodity} shipments to {state}",
        "a|hire|hired|{count} workers in {place}", "a|cut|cut|{count} jobs in {place}", "a|reach|reached|a deal with {state} on {topic}",
        "a|suspend|suspended|{topic} talks with {state}", "a|fine|fined|{org} {money}", "a|buy|bought|a {pct} stake in {org}",
        "a|sell|sold|its stake in {org}", "a|build|built|{km} of {infra} near {place}", "a|invest|invested|{money} in {topic} projects in {place}",
        "a|ban|banned|imports of {commodity} from {state}", "a|restore|restored|{infra} links with {place}", "m|withdraw|withdrew|{count} troops from {place}",
        "a|lower|lowered|{commodity} prices by {pct}", "a|expand|expanded|{topic} aid to {state}", "a|delay|delayed|the {topic} reform until {year}",
        "m|shell|shelled|{place}", "m|capture|captured|{count} soldiers near {place}", "a|double|doubled|{commodity} imports from {state}",
        "a|freeze|froze|{money} in assets held by {org}", "a|sue|sued|{org} over {topic} contracts",
    ];

    public static readonly string[] Causes =
    [
        "the drought in {place}", "the strike at {org}", "sanctions against {state}", "the closure of the port of {place}",
        "the {topic} subsidy cuts", "the floods in {place}", "the rise in {commodity} prices", "the collapse of {org}",
        "the blockade of {place}", "the {event}",
    ];

    public static readonly string[] CausalVerbs = ["led to", "caused", "triggered", "resulted in", "contributed to"];

    public static readonly string[] Effects =
    [
        "a {pct} rise in {commodity} prices", "the loss of {count} jobs in {place}", "shortages of {commodity} in {place}",
        "a sharp fall in {topic} exports", "protests in {place}", "a {pct} drop in {topic} investment", "power cuts across {place}",
        "the resignation of {person}",
    ];

    public static readonly string[] LegalActs = ["violated", "breached", "complied with", "acted in accordance with", "withdrew from", "ratified"];

    public static readonly string[] LegalStates = ["is incompatible with", "is consistent with", "breaches", "is required by"];

    public static readonly string[] OpinionSubjects =
    [
        "the {topic} reform", "the agreement with {state}", "the new {topic} policy of {org}", "the decision to close {count} {facility}",
        "the plan for {place}", "the {topic} strategy of {state}",
    ];

    public static readonly string[] Judgements =
    [
        "a historic mistake", "a betrayal of the people of {place}", "the only realistic option", "long overdue", "a success",
        "unworkable", "a threat to {topic} security", "good news for {place}", "a gift to {org}", "reckless",
    ];

    public static readonly string[] Cues = ["said", "told reporters", "announced", "claimed", "insisted", "confirmed", "stated", "wrote on social media", "told parliament"];

    public static readonly string[] WarningCues = ["warned", "predicted", "said", "argued", "insisted"];

    public static readonly string[] TrailingCues = ["said", "told reporters", "said in a statement", "added", "told the agency"];

    public static readonly string[] Fragments =
    [
        "long overdue", "a matter of national security", "completely unacceptable", "the only responsible choice",
        "a dangerous precedent", "irreversible", "a first step",
    ];

    public static readonly string[] Sourcing = ["official figures show", "records seen by this newspaper show", "according to the ministry", "data published on Monday show"];

    public static readonly string[] LeadSources = ["official figures", "documents seen by this newspaper", "people familiar with the matter", "published records"];

    public static readonly string[] Reactions =
    [
        "We are studying the decision carefully", "This is a difficult day for the people of {place}", "We will respond in due course",
        "Nobody consulted us about {topic}", "The figures speak for themselves", "It is too early to say what this means for {topic}",
        "Our position on {topic} has not changed", "We expected this and we are prepared", "This changes nothing for {place}",
    ];

    public static readonly string[] Notes =
    [
        "{org} did not respond to a request for comment.", "{org} declined to comment.", "the figures could not be independently verified.",
        "{person} did not say when the decision would take effect.", "a spokesperson for {state} did not reply to questions sent on {weekday}.",
    ];

    public static readonly string[] Background =
    [
        "{place} has a population of about {count}.", "the {topic} sector employs around {count} people in {state}.",
        "talks are expected to resume in {month}.", "trading in {commodity} was thin on {weekday}.",
        "the {event} is still felt in {place}.", "{org} was founded in {place} in {year}.",
    ];
}
