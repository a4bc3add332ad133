using ClaimsApi.Domain;
using ClaimsApi.Domain.Search;
using ClaimsApi.Features.Search;
using ClaimsApi.Http;
using FluentValidation;

namespace ClaimsApi.Features.Claims;

/// <summary>A sentence to match against the known claims.</summary>
/// <param name="Text">The sentence, e.g. something just heard in a broadcast.</param>
/// <param name="Limit">How many matches at most (1 to 20, default 5).</param>
public sealed record ClaimMatchRequest(string Text, int? Limit = null);

/// <summary>The known claims that assert what the sentence asserts, best first.</summary>
/// <param name="Text">The sentence as given.</param>
/// <param name="Threshold">The score a claim must reach to be listed.</param>
/// <param name="Entities">The entities recognised in the sentence.</param>
/// <param name="Matches">The claims at or above the threshold, best first.</param>
public sealed record ClaimMatchResponse(string Text, double Threshold, IReadOnlyList<MatchedEntity> Entities, IReadOnlyList<ClaimMatch> Matches);

/// <summary>A known claim that matches, with why.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Score">The weighted share of the sentence's concepts the claim covers, from 0 to 1 (see docs/search.md).</param>
/// <param name="SharedEntities">Entities the sentence names that the claim names, mentions or makes.</param>
/// <param name="SharedTerms">Words of the sentence the claim or its evidence contains.</param>
public sealed record ClaimMatch(ClaimSummary Claim, double Score, IReadOnlyList<EntityRef> SharedEntities, IReadOnlyList<string> SharedTerms);

internal sealed class ClaimMatchRequestValidator : AbstractValidator<ClaimMatchRequest>
{
    public ClaimMatchRequestValidator()
    {
        RuleFor(r => r.Text).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' is required.")
            .MustBeLength(1, ClaimMatcher.MaxLength, (_, t) => !t.Any(char.IsControl) && FullTextQuery.HasSearchableWords(t))
            .WithMessage($"'text' must contain at least one word that is not a stop word, at most {ClaimMatcher.MaxLength} characters and no control characters.");
        RuleFor(r => r.Limit).InclusiveBetween(1, ClaimMatcher.MaxLimit).When(r => r.Limit is not null)
            .WithMessage($"'limit' must be from 1 to {ClaimMatcher.MaxLimit}.");
    }
}

/// <summary>
/// Scores how much of a sentence a claim covers. The sentence is split into concepts (the groups of its
/// full-text query: each entity it names, each other word); a claim covers an entity concept when its text or
/// evidence names the entity by any alias, or it mentions or makes it; it covers a word concept when its text,
/// subject/predicate/object or evidence contains the word (compared folded, with a light English suffix strip).
/// The score is the weight of the covered concepts over the weight of all of them, entities weighing
/// <see cref="EntityWeight"/> and words 1 (a name is more specific than a word); a claim is a match from
/// <see cref="Threshold"/> up.
/// </summary>
public static class ClaimMatcher
{
    public const double Threshold = 0.4;
    public const int EntityWeight = 2;
    public const int MaxLength = 1000;
    public const int MaxLimit = 20;
    public const int Candidates = 50;

    /// <summary>How many of the text's concepts, the rarest, find the candidates (all of them still score each one).</summary>
    public const int LookupGroups = 8;
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>What a claim brings to the comparison.</summary>
    public sealed record Candidate(string Id, IReadOnlyList<string> Texts, IReadOnlySet<string> EntityIds);

    public static (double Score, IReadOnlyList<string> SharedEntityIds, IReadOnlyList<string> SharedTerms) Score(FullTextQuery sentence, Candidate claim)
    {
        if (sentence.IsEmpty)
        {
            return (0, [], []);
        }

        var tokens = claim.Texts.SelectMany(t => FullTextQuery.Tokenize(TextFolding.Fold(t))).ToList();
        var stems = tokens.Select(Stem).ToHashSet(StringComparer.Ordinal);
        var entities = new List<string>();
        var terms = new List<string>();
        var covered = 0;
        var total = 0;
        foreach (var group in sentence.Groups)
        {
            var weight = group.EntityIds.Count > 0 ? EntityWeight : 1;
            total += weight;
            if (group.EntityIds.Count > 0)
            {
                var named = group.IsNamedIn(tokens);
                var linked = group.EntityIds.Where(claim.EntityIds.Contains).ToList();
                if (named || linked.Count > 0)
                {
                    covered += weight;
                    entities.AddRange(linked.Count > 0 ? linked : group.EntityIds);
                }
            }
            else if (stems.Contains(Stem(TextFolding.Fold(group.Alternatives[0][0]))))
            {
                covered += weight;
                terms.Add(group.Alternatives[0][0]);
            }
        }

        return ((double)covered / total, [.. entities.Distinct(StringComparer.Ordinal)], terms);
    }

    /// <summary>A deliberately light English suffix strip: fighting → fight, soldiers → soldier, claimed → claim.</summary>
    internal static string Stem(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ies", "ed", "s"])
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return suffix == "ies" ? word[..^3] + "y" : word[..^suffix.Length];
            }
        }

        return word;
    }
}
