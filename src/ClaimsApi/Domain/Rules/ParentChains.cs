namespace ClaimsApi.Domain.Rules;

/// <summary>
/// Chains of parent links (an entity's partOf, a statement's parent), followed through a lookup so that the seed
/// loader walks them in memory and the write API over links it loaded in one query.
/// </summary>
public static class ParentChains
{
    /// <summary>How a chain is written in messages ("a → b → a").</summary>
    public static string Describe(IEnumerable<string> chain) => string.Join(" → ", chain);

    /// <summary>
    /// The links from <paramref name="from"/> up to <paramref name="to"/> through <paramref name="parentOf"/> (a
    /// record's parent, or null when it has none or is unknown), both ends included (just <paramref name="from"/> when
    /// they are the same); or null when the links end, or go round a circle of their own, before they get there.
    /// </summary>
    public static IReadOnlyList<string>? Chain(string from, string to, Func<string, string?> parentOf)
    {
        var chain = new List<string> { from };
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        for (var current = from; current != to;)
        {
            var parent = parentOf(current);
            if (parent is null || !seen.Add(parent))
            {
                return null;
            }

            chain.Add(parent);
            current = parent;
        }

        return chain;
    }

    /// <summary>
    /// The circle that giving <paramref name="id"/> the parent <paramref name="parent"/> would close
    /// (id → parent → … → id), or null. <paramref name="parentOf"/> is never asked for <paramref name="id"/>'s own
    /// parent, so it may answer with the link being replaced.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(string id, string? parent, Func<string, string?> parentOf) =>
        parent is not null && Chain(parent, id, parentOf) is { } chain ? [id, .. chain] : null;
}
