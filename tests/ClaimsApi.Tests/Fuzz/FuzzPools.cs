namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// What the fuzzer knows of the database: ids of each kind of record (the seeds', then what it created), key
/// names it may revoke, and cursors the server handed out. Requests are built from these, so most reach a handler
/// with a record behind them rather than stopping at a 404.
/// </summary>
internal sealed class FuzzPools
{
    private const int Cap = 200;

    private readonly Dictionary<string, List<string>> ids = new(StringComparer.Ordinal);
    private readonly List<string> cursors = [];

    /// <summary>Names the fuzzer must never revoke: its own keys.</summary>
    public HashSet<string> ProtectedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The kind of record a path or body names (claims, entities …) by the parameter or field name.</summary>
    public static string? KindOf(string name, string path) => name switch
    {
        "claimId" or "claim" => "claims",
        "claimant" or "entity" or "speaker" or "publisher" or "partOf" or "into" or "source" or "mentions" => "entities",
        "article" => "articles",
        "statement" or "parent" => "statements",
        "name" when path.StartsWith("/v1/keys", StringComparison.Ordinal) => "keys",
        "id" => path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var kind, ..] ? kind : null,
        _ => null,
    };

    public void Add(string kind, string id)
    {
        var list = Of(kind);
        if (list.Count < Cap && !list.Contains(id, StringComparer.Ordinal) && !(kind == "keys" && ProtectedKeys.Contains(id)))
        {
            list.Add(id);
        }
    }

    public void AddCursor(string cursor)
    {
        if (cursors.Count < Cap)
        {
            cursors.Add(cursor);
        }
    }

    /// <summary>A known id of <paramref name="kind"/>, or a well-formed id that names nothing.</summary>
    public string Pick(Random random, string? kind) =>
        kind is not null && Of(kind) is { Count: > 0 } list && random.Next(10) > 0 ? list[random.Next(list.Count)] : "fuzz-nothing-" + random.Next(1000);

    public string? PickCursor(Random random) => cursors.Count == 0 ? null : cursors[random.Next(cursors.Count)];

    public int Count(string kind) => Of(kind).Count;

    private List<string> Of(string kind)
    {
        if (!ids.TryGetValue(kind, out var list))
        {
            ids[kind] = list = [];
        }

        return list;
    }
}
