namespace ClaimsApi.Extraction;

/// <summary>
/// The word lists the rules read: reporting verbs by form, the words that may stand between a subject and its verb,
/// titles and roles, pronouns, and the markers of hedging, denial and opinion. Written by hand from general English
/// usage in news reporting (not from the evaluation articles), lower-case; compared with lower-cased tokens.
/// </summary>
internal static class Lexicon
{
    private static readonly string[] CueLemmas =
    [
        "say", "tell", "state", "claim", "note", "confirm", "announce", "warn", "deny", "add", "explain", "report",
        "write", "insist", "argue", "admit", "assert", "reveal", "acknowledge", "allege", "concede", "contend", "declare",
        "emphasise", "emphasize", "stress", "maintain", "predict", "reply", "respond", "tweet", "conclude", "suggest",
        "believe", "think", "estimate", "recommend", "accuse", "complain", "comment", "remark", "observe", "point out",
        "indicate", "reiterate", "repeat", "promise", "vow", "pledge", "urge", "caution", "testify", "disclose",
        "quote", "cite", "recall", "describe", "question", "ask", "wonder", "dispute", "reject", "dismiss", "rule",
        "agree", "boast", "answer", "counter", "continue", "joke", "post", "show", "find", "learn", "suspect",
        "fear", "hope", "expect", "feel", "know", "read", "theorize", "theorise", "speculate", "mention",
    ];

    /// <summary>Irregular forms; regular ones (-s, -ed, -ing) are derived.</summary>
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["said"] = "say", ["says"] = "say", ["saying"] = "say",
        ["told"] = "tell", ["tells"] = "tell", ["telling"] = "tell",
        ["wrote"] = "write", ["written"] = "write", ["writes"] = "write", ["writing"] = "write",
        ["thought"] = "think", ["found"] = "find", ["knew"] = "know", ["known"] = "know",
        ["felt"] = "feel", ["read"] = "read", ["reads"] = "read", ["reading"] = "read",
        ["showed"] = "show", ["shown"] = "show", ["shows"] = "show", ["showing"] = "show",
        ["learned"] = "learn", ["learnt"] = "learn", ["learns"] = "learn",
        ["denied"] = "deny", ["denies"] = "deny", ["denying"] = "deny",
        ["replied"] = "reply", ["replies"] = "reply", ["replying"] = "reply",
        ["testified"] = "testify", ["testifies"] = "testify",
    };

    /// <summary>Clear reporting verbs: reported speech after them needs no "that".</summary>
    private static readonly HashSet<string> Strong = new(StringComparer.Ordinal)
    {
        "say", "tell", "state", "claim", "note", "confirm", "announce", "warn", "deny", "add", "explain", "report",
        "write", "insist", "argue", "admit", "assert", "reveal", "acknowledge", "allege", "concede", "contend", "declare",
        "stress", "emphasise", "emphasize", "reply", "respond", "tweet", "predict", "maintain", "testify", "disclose",
        "reiterate", "estimate", "conclude", "believe", "think", "suspect", "recommend",
    };

    /// <summary>
    /// Verbs that report speech or a finding only with a clause after them ("the court ruled that …", "Wikinews has
    /// learned that …"); otherwise they are something else ("ruled the country", "learned to swim").
    /// </summary>
    private static readonly HashSet<string> WithThat = new(StringComparer.Ordinal)
    {
        "suggest", "indicate", "promise", "vow", "pledge", "rule", "learn", "theorize", "theorise", "speculate", "show",
        "find", "agree", "fear", "hope", "expect", "feel", "know", "recall", "complain", "observe", "point out", "remark",
        "comment", "caution", "urge", "boast", "counter", "answer", "mention", "dispute",
    };

    /// <summary>Verbs that introduce a quotation next to them (she asked, he continued) but report nothing without one.</summary>
    private static readonly HashSet<string> QuoteOnly = new(StringComparer.Ordinal)
    {
        "ask", "wonder", "question", "continue", "joke", "quote", "cite", "describe", "accuse", "reject", "dismiss", "read", "post", "repeat",
    };

    /// <summary>Whether reported speech may follow the verb without "that".</summary>
    public static bool IsStrong(string lemma) => Strong.Contains(lemma) || lemma == "according";

    /// <summary>Whether the verb reports speech only when a clause with "that" follows it.</summary>
    public static bool NeedsThat(string lemma) => WithThat.Contains(lemma);

    /// <summary>Whether the verb may only introduce a quotation beside it.</summary>
    public static bool QuotesOnly(string lemma) => QuoteOnly.Contains(lemma);

    private static readonly Dictionary<string, string> FormToLemma = BuildForms();

    /// <summary>The cue verbs whose subject is not speech but a finding (a study shows …): allowed, with less confidence.</summary>
    public static readonly HashSet<string> Perception = new(StringComparer.Ordinal) { "show", "find", "learn", "know", "read", "expect", "hope", "fear", "feel" };

    /// <summary>Cues that say the speaker rejects the content: what follows is denied, never asserted.</summary>
    public static readonly HashSet<string> Denial = new(StringComparer.Ordinal) { "deny", "dispute", "reject", "dismiss" };

    /// <summary>Cues that make the content a belief or a judgement rather than a report of fact.</summary>
    public static readonly HashSet<string> OpinionCues = new(StringComparer.Ordinal)
    {
        "think", "believe", "feel", "argue", "suggest", "hope", "fear", "suspect", "recommend", "urge", "contend", "estimate", "expect", "speculate", "theorize", "theorise",
    };

    /// <summary>Cues that make the content a question.</summary>
    public static readonly HashSet<string> QuestionCues = new(StringComparer.Ordinal) { "ask", "wonder", "question" };

    /// <summary>Verbs of telling: an addressee may follow the cue ("told the press", "told LA Weekly").</summary>
    public static readonly HashSet<string> Telling = new(StringComparer.Ordinal) { "tell", "warn", "assure", "inform", "remind", "ask", "urge", "promise" };

    /// <summary>Nouns that carry an attribution: "the minister's announcement of …", "a statement by …".</summary>
    public static readonly HashSet<string> CueNouns = new(StringComparer.Ordinal)
    {
        "announcement", "statement", "claim", "claims", "assertion", "warning", "denial", "allegation", "allegations",
        "admission", "prediction", "remarks", "comments", "report", "declaration", "accusation", "accusations",
    };

    /// <summary>Agentless passives that report: "It is noted that", "it was reported that".</summary>
    public static readonly HashSet<string> PassiveCues = new(StringComparer.Ordinal)
    {
        "noted", "said", "stated", "reported", "claimed", "alleged", "believed", "announced", "understood", "thought",
        "known", "estimated", "expected", "rumoured", "rumored", "emphasised", "emphasized", "stressed", "argued",
        "asserted", "added", "confirmed", "indicated", "underlined", "pointed", "learned", "written",
    };

    /// <summary>Words that can stand between a subject and its reporting verb ("has also said", "then says").</summary>
    public static readonly HashSet<string> BetweenSubjectAndVerb = new(StringComparer.Ordinal)
    {
        "has", "have", "had", "also", "later", "then", "further", "previously", "reportedly", "repeatedly", "again",
        "will", "would", "did", "does", "do", "not", "never", "recently", "earlier", "once", "publicly", "quickly",
        "firmly", "strongly", "since", "already", "just", "still", "officially", "separately", "initially", "had",
        "is", "was", "are", "were", "been", "being", "can", "could", "may", "might", "must", "should", "shall",
        "n't", "clearly", "explicitly", "flatly", "angrily", "first", "subsequently", "originally", "allegedly",
        "privately", "openly", "told", "only", "even", "however", "who", "which",
    };

    /// <summary>Words that end a subject noun phrase when met going left from its verb.</summary>
    public static readonly HashSet<string> SubjectStops = new(StringComparer.Ordinal)
    {
        "and", "but", "or", "nor", "while", "as", "when", "after", "before", "because", "that", "since", "if", "though",
        "although", "so", "then", "where", "yet", "whereas", "until", "unless", "once", "than", "whether", "in", "on",
        "at", "to", "with", "by", "into", "onto", "over", "under", "about", "during", "without", "within", "between",
        "against", "among", "through", "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would",
        "not", "also", "said", "says", "say", "told", "just", "which", "what", "how", "why", "both", "meanwhile",
        "however", "according", "also", "upon", "via", "per", "despite", "like", "unlike", "towards", "toward",
        "around", "across", "after", "amid", "amidst", "following", "including", "there", "here", "now", "today",
        "yesterday", "tomorrow", "thus", "hence", "therefore", "instead", "too", "very", "it's", "its",
    };

    /// <summary>Words that start a noun phrase: a subject ends at the first of them met going left (inclusive).</summary>
    public static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "these", "those", "some", "many", "other", "several", "most", "few", "his", "her",
        "their", "our", "my", "your", "one", "two", "three", "four", "five", "all", "each", "every", "another", "no",
        "any", "both", "more", "such", "whose", "its", "which",
    };

    public static readonly HashSet<string> PersonalPronouns = new(StringComparer.Ordinal)
    {
        "he", "she", "they", "it", "we", "i", "you", "who",
    };

    /// <summary>Titles and roles: part of a source ("Professor Cres Eastman") but not of the name proposed for it.</summary>
    public static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "vice",
        "prime", "minister", "secretary", "ambassador", "general", "gen", "colonel", "col", "major", "captain", "capt",
        "lieutenant", "lt", "sergeant", "sgt", "admiral", "commander", "chief", "director", "chairman", "chairwoman",
        "chair", "spokesman", "spokeswoman", "spokesperson", "senator", "sen", "representative", "rep", "governor",
        "gov", "mayor", "judge", "justice", "king", "queen", "prince", "princess", "pope", "bishop", "archbishop",
        "reverend", "rev", "father", "sheikh", "ceo", "cfo", "coach", "manager", "member", "researcher", "senior",
        "junior", "deputy", "acting", "former", "foreign", "home", "interior", "defence", "defense", "finance",
        "health", "shadow", "state", "head", "leader", "officer", "official", "detective", "inspector", "constable",
        "superintendent", "prosecutor", "attorney", "lawyer", "editor", "correspondent", "reporter", "analyst",
        "economist", "scientist", "author", "founder", "owner", "comrade", "marshal", "premier", "chancellor",
        "councillor", "councilor", "mp", "mep", "qc", "sc", "jr", "sr", "dean", "rabbi", "imam", "cardinal",
        "sheriff", "police", "team", "party", "the", "a", "an", "u.s.", "us", "uk", "un", "eu",
    };

    /// <summary>Sources that name a group: "they" and plural pronouns resolve to these before anything else.</summary>
    public static bool LooksPlural(string lastWord) =>
        lastWord.Length > 3 && lastWord.EndsWith('s') && !lastWord.EndsWith("ss", StringComparison.Ordinal) && char.IsLower(lastWord[0]);

    /// <summary>Words that hedge a proposition: it is put as possible, reported or uncertain, not asserted.</summary>
    public static readonly HashSet<string> Hedges = new(StringComparer.Ordinal)
    {
        "may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely", "reportedly", "allegedly",
        "apparently", "seemingly", "seems", "seem", "seemed", "appears", "appear", "appeared", "suggests", "suggest",
        "suspected", "presumably", "potentially", "maybe", "estimated", "approximately", "roughly", "rumoured",
        "rumored", "alleged", "purportedly", "supposedly", "claimed",
    };

    /// <summary>Negations; in the words right before a cue they make the attribution not an assertion ("has not confirmed").</summary>
    public static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "never", "n't", "no", "neither", "nor" };

    /// <summary>Words that mark a judgement rather than a fact.</summary>
    public static readonly HashSet<string> OpinionMarkers = new(StringComparer.Ordinal)
    {
        "should", "must", "ought", "need", "needs", "best", "worst", "good", "bad", "great", "terrible", "wonderful",
        "important", "crucial", "unacceptable", "outrageous", "shameful", "disgraceful", "damning", "clumsy",
        "ridiculous", "absurd", "excellent", "brilliant", "awful", "wrong", "right", "fair", "unfair", "proud",
        "disappointed", "disappointing", "happy", "sad", "deserves", "deserve", "shameful", "courageous", "reckless",
        "irresponsible", "dangerous", "heroic", "victorious", "glorious", "maniacs", "puppet", "provocation",
        "unsustainable", "common-sense", "unthinking", "interested", "hope", "believe", "think", "feel",
    };

    /// <summary>First-person words: a paragraph in the first person, with no quotation marks, in a news report is someone's words.</summary>
    public static readonly HashSet<string> FirstPersonPlural = new(StringComparer.Ordinal) { "our", "we", "us", "ours", "ourselves" };

    /// <summary>Abbreviations whose period does not end a sentence.</summary>
    public static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "jr", "sr",
        "inc", "ltd", "co", "corp", "vs", "etc", "no", "nos", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
        "nov", "dec", "fig", "approx", "est", "dept", "univ", "ave", "mt", "ft", "rev", "hon", "messrs", "al",
    };

    /// <summary>The lemma of a reporting verb form, or null when the word is not one.</summary>
    public static string? CueLemma(string lower) => FormToLemma.GetValueOrDefault(lower);

    private static Dictionary<string, string> BuildForms()
    {
        var forms = new Dictionary<string, string>(Irregular, StringComparer.Ordinal);
        foreach (var lemma in CueLemmas.Where(l => !l.Contains(' ', StringComparison.Ordinal)))
        {
            forms.TryAdd(lemma, lemma);
            var stem = lemma.EndsWith('e') ? lemma[..^1] : lemma;
            forms.TryAdd(lemma.EndsWith('y') && !"aeiou".Contains(lemma[^2], StringComparison.Ordinal) ? lemma[..^1] + "ies" : lemma.EndsWith('s') || lemma.EndsWith("sh", StringComparison.Ordinal) ? lemma + "es" : lemma + "s", lemma);
            forms.TryAdd(lemma.EndsWith('e') ? lemma + "d" : lemma.EndsWith('y') && !"aeiou".Contains(lemma[^2], StringComparison.Ordinal) ? lemma[..^1] + "ied" : lemma + "ed", lemma);
            forms.TryAdd(stem + "ing", lemma);
        }

        return forms;
    }
}
