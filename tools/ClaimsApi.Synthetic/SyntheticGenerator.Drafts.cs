using ClaimsApi.Domain;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Synthetic;

internal sealed partial class SyntheticGenerator
{
    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Head-heavy choice: the first items of a list are picked far more often than the last, as in news.</summary>
    private SynEntity Skewed(List<SynEntity> items) => items[(int)(items.Count * Math.Pow(_random.NextDouble(), 2.5))];

    private string[] Some(IReadOnlyList<string> candidates, int min, int max)
    {
        var count = min + _random.Next(max - min + 1);
        var chosen = candidates.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        while (chosen.Count > count)
        {
            chosen.RemoveAt(_random.Next(chosen.Count));
        }

        return [.. chosen];
    }

    private static string Capitalise(string value) =>
        value.Length > 0 && char.IsLower(value[0]) ? char.ToUpperInvariant(value[0]) + value[1..] : value;

    private static string Slug(string name) =>
        string.Concat(TextFolding.Fold(name).Where(char.IsAsciiLetterOrDigit));

    // ---- Drafts ---------------------------------------------------------------------------------------------

    internal sealed record SynEntity(string Id, string Name, EntityKind Kind, string[] Aliases, string Role);

    private sealed class Cast
    {
        public List<SynEntity> Publications { get; } = [];
        public List<SynEntity> States { get; } = [];
        public List<SynEntity> ArmedForces { get; } = [];
        public List<SynEntity> Places { get; } = [];
        public List<SynEntity> People { get; } = [];
        public List<SynEntity> Organisations { get; } = [];
        public List<SynEntity> Treaties { get; } = [];
        public List<SynEntity> TreatyArticles { get; } = [];
        public List<SynEntity> Events { get; } = [];
        public List<SynEntity> Documents { get; } = [];
    }

    /// <summary>Who an article is about: its claims and quotes draw on these first.</summary>
    private sealed record ArticleCast(
        SynEntity State, SynEntity Place, List<SynEntity> People, List<SynEntity> Organisations, SynEntity Treaty,
        SynEntity Publisher, DateOnly PublishedOn);

    private readonly record struct Part(string? Text, SynEntity? Entity);

    /// <summary>Words and entities; rendered once with canonical names (the claim) and once as the article names them.</summary>
    private sealed record Phrase(List<Part> Parts, SynEntity? Entity)
    {
        public static Phrase Of(SynEntity entity) => new([new Part(null, entity)], entity);

        public Phrase Append(string text) => new([.. Parts, new Part(text, null)], null);

        public string Render(Func<SynEntity, string> name) =>
            string.Concat(Parts.Select(p => p.Entity is { } e ? name(e) : p.Text));
    }

    private sealed record DraftClaim(
        ClaimKind Kind, SynEntity Claimant, Phrase SubjectPhrase, string Predicate, string ReportedPredicate, string BaseForm,
        Phrase ObjectPhrase, string Text, string SubjectText, string ObjectText, DateOnly ClaimedOn, VerificationStatus Status,
        List<SynEntity> Mentions, List<(string Name, string Value, SynEntity? Entity)> Qualifiers)
    {
        public string Subject => Truncate(SubjectText);
        public string Object => Truncate(ObjectText);

        private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
    }

    /// <summary>A statement inside a sentence: UTF-16 offsets into the sentence; <see cref="Parent"/> indexes the sentence's statements.</summary>
    private sealed record DraftStatement(
        StatementKind Kind, SynEntity Speaker, string? Cue, int Start, int End, int? Parent, SynEntity? Source,
        int? Claim, int EvidenceStart, int EvidenceEnd);

    private sealed record Sentence(string Text, List<DraftStatement> Statements);
}
