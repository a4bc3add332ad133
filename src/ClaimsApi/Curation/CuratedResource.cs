using System.Text.Json;
using ClaimsApi.Http;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;

namespace ClaimsApi.Curation;

/// <summary>One kind of curated record as the curation pipeline, the history and the seed import see it, whatever its type.</summary>
public interface ICuratedResource
{
    /// <summary>The record's name in messages and in the history: claim, statement, article, entity, review.</summary>
    string Name { get; }

    /// <summary>The name capitalised, to start a sentence: "Claim".</summary>
    string Title { get; }

    /// <summary>The kind of its search-index rows, if it is indexed.</summary>
    string? IndexKind { get; }

    /// <summary>Where record <paramref name="id"/> is read: /v1/claims/{id}.</summary>
    string Location(string id);

    /// <summary>The record's API representation as readers see it now (null when it is not visible, e.g. deleted).</summary>
    Task<IRevisioned?> RenderAsync(string id, ClaimsDbContext db, CancellationToken ct);

    /// <summary>The representations of the records among <paramref name="ids"/> that readers see now, by id, in a few queries however many.</summary>
    Task<IReadOnlyDictionary<string, IRevisioned>> RenderManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct);

    /// <summary>Runs once a write that changed records of this kind has committed (never after a failed one).</summary>
    void AfterCommit(IServiceProvider services);

    /// <summary>
    /// Whether a reader without the curator's role sees the record in this representation (as the API wrote it:
    /// a typed view or its JSON): what decides who reads a change in the change feed.
    /// </summary>
    ValueTask<bool> IsPublicAsync(JsonElement representation, ClaimsDbContext db, CancellationToken ct);
}

/// <summary>
/// What the curation pipeline and the endpoints every curated record shares (delete, restore, history, workflow)
/// need to know about one kind of record. Features declare one each; nothing else describes a kind of record.
/// </summary>
/// <typeparam name="T">The stored record.</typeparam>
/// <typeparam name="TView">Its API representation.</typeparam>
public sealed class CuratedResource<T, TView> : ICuratedResource
    where T : class, ICurated
    where TView : class, IRevisioned
{
    /// <inheritdoc />
    public required string Name { get; init; }

    /// <summary>The path of the collection, e.g. /v1/claims.</summary>
    public required string Path { get; init; }

    /// <inheritdoc />
    public string? IndexKind { get; init; }

    /// <summary>The records as a write loads them (tracked, with what a change needs), before any filter.</summary>
    public required Func<ClaimsDbContext, IQueryable<T>> Query { get; init; }

    /// <summary>The record's API representation as readers see it now (null when it is not visible).</summary>
    public required Func<string, ClaimsDbContext, CancellationToken, Task<TView?>> Render { get; init; }

    /// <summary>The representations of many records at once (those readers see), by id: what a write of many records renders after it.</summary>
    public required Func<IReadOnlyCollection<string>, ClaimsDbContext, CancellationToken, Task<IReadOnlyDictionary<string, TView>>> RenderMany { get; init; }

    /// <summary>Why the record cannot be deleted now (other live records depend on it), or null.</summary>
    public Func<T, ClaimsDbContext, CancellationToken, Task<string?>>? RefuseDelete { get; init; }

    /// <summary>Why the record cannot be restored now (what it refers to is gone), or null.</summary>
    public Func<T, ClaimsDbContext, CancellationToken, Task<string?>>? RefuseRestore { get; init; }

    /// <summary>Why a workflowed record cannot make an allowed move to the stage now (what rests on it), or null.</summary>
    public Func<T, WorkflowState, ClaimsDbContext, CancellationToken, Task<string?>>? RefuseMove { get; init; }

    /// <summary>
    /// When a reader without the curator's role sees a live record of this kind, from its representation (the
    /// JSON the history keeps); null: always (articles, entities). Claims and statements: when published
    /// (<see cref="Workflow.PublicWhenPublished"/>); reviews: when their claim is.
    /// </summary>
    public Func<JsonElement, ClaimsDbContext, CancellationToken, ValueTask<bool>>? PublicWhen { get; init; }

    /// <summary>What must follow a committed change (e.g. a cache that must see it at once).</summary>
    public Action<IServiceProvider>? Committed { get; init; }

    /// <summary>The name capitalised, to start a sentence: "Claim".</summary>
    public string Title => char.ToUpperInvariant(Name[0]) + Name[1..];

    /// <summary>"a claim", "an entity": a record of this kind, inside a sentence.</summary>
    public string WithIndefiniteArticle => ("aeiou".Contains(Name[0], StringComparison.Ordinal) ? "an " : "a ") + Name;

    /// <summary>"A claim", "An entity": to start a sentence about a record of this kind.</summary>
    public string WithArticle => char.ToUpperInvariant(WithIndefiniteArticle[0]) + WithIndefiniteArticle[1..];

    public string Location(string id) => $"{Path}/{id}";

    /// <summary>The 422 for a request that names another id than the record's (ids never change), or null.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? RefuseOtherId(string? given, string id, string what = "The body's id") =>
        given is not null && given != id
            ? Problems.Unprocessable("id", $"{what} '{given}' is not the {Name}'s id '{id}'; ids never change.")
            : null;

    async Task<IRevisioned?> ICuratedResource.RenderAsync(string id, ClaimsDbContext db, CancellationToken ct) => await Render(id, db, ct);

    async Task<IReadOnlyDictionary<string, IRevisioned>> ICuratedResource.RenderManyAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        (await RenderMany(ids, db, ct)).ToDictionary(r => r.Key, r => (IRevisioned)r.Value, StringComparer.Ordinal);

    void ICuratedResource.AfterCommit(IServiceProvider services) => Committed?.Invoke(services);

    ValueTask<bool> ICuratedResource.IsPublicAsync(JsonElement representation, ClaimsDbContext db, CancellationToken ct) =>
        PublicWhen?.Invoke(representation, db, ct) ?? ValueTask.FromResult(true);
}

/// <summary>Every kind of curated record, by its history name, for code that meets records of any kind (the seed import).</summary>
public sealed class CuratedResources(IEnumerable<ICuratedResource> resources)
{
    private readonly Dictionary<string, ICuratedResource> _byName = resources.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public ICuratedResource this[string name] => _byName.TryGetValue(name, out var resource)
        ? resource
        : throw new ArgumentOutOfRangeException(nameof(name), name, "Not a curated record type.");
}
