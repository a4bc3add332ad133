using System.Globalization;
using System.Text.Json;
using ClaimsApi.Auth;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Curation;

/// <summary>
/// What the endpoints every curated record shares (delete, restore, history) need to know about one kind of record.
/// </summary>
/// <typeparam name="T">The record's type.</typeparam>
public sealed class CuratedResource<T> where T : class, ICurated
{
    /// <summary>The record's name in messages and in the history: claim, statement, article, entity, review.</summary>
    public required string Name { get; init; }

    /// <summary>The path of the collection, e.g. /v1/claims.</summary>
    public required string Path { get; init; }

    /// <summary>The kind of its search-index rows, if it is indexed.</summary>
    public string? IndexKind { get; init; }

    /// <summary>The records as a write loads them (tracked, with what a change needs), before any filter.</summary>
    public required Func<ClaimsDbContext, IQueryable<T>> Query { get; init; }

    /// <summary>The record's API representation as readers see it now (null when it is not visible).</summary>
    public required Func<string, ClaimsDbContext, CancellationToken, Task<IRevisioned?>> Render { get; init; }

    /// <summary>Why the record cannot be deleted now (other live records depend on it), or null.</summary>
    public Func<T, ClaimsDbContext, CancellationToken, Task<string?>>? RefuseDelete { get; init; }

    /// <summary>Why the record cannot be restored now (what it refers to is gone), or null.</summary>
    public Func<T, ClaimsDbContext, CancellationToken, Task<string?>>? RefuseRestore { get; init; }

    /// <summary>The type of the API representation <see cref="Render"/> returns, for the OpenAPI document.</summary>
    public Type? Representation { get; init; }

    public string Location(string id) => $"{Path}/{id}";

    /// <summary>
    /// Loads the record a change is about (tracked, as <see cref="Query"/> gives it) and checks the request's
    /// If-Match against its revision: the record, or else the 404, 428 or 412 problem.
    /// </summary>
    public async Task<(T? Record, IResult? Problem)> LoadForChangeAsync(string id, ClaimsDbContext db, HttpRequest request, CancellationToken ct)
    {
        var record = await Query(db).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return (null, Problems.NotFound(Name, id));
        }

        return ETags.CheckIfMatch(request, Name, id, record.Revision) is { } failed ? (null, failed) : (record, null);
    }

    /// <summary>
    /// Once a change to record <paramref name="id"/> is saved: refreshes its search-index rows (if it is indexed)
    /// and adds its history entry, with the record as readers now see it (null once it is deleted).
    /// </summary>
    /// <returns>The record as readers now see it, which is also the write's answer (see <see cref="CuratedResourceEndpoints.Respond"/>).</returns>
    public async Task<IRevisioned?> RecordAsync(CurationWriter writer, ClaimsDbContext db, string id, int revision, string action, object? before, CancellationToken ct)
    {
        if (IndexKind is { } kind)
        {
            await db.RefreshSearchIndexAsync(kind, id, ct);
        }

        var after = await Render(id, db, ct);
        writer.Record(Name, id, revision, action, before, after);
        return after;
    }

    /// <summary>The 422 for a request that names another id than the record's (ids never change), or null.</summary>
    public IResult? RefuseOtherId(string? given, string id, string what = "The body's id") =>
        given is not null && given != id
            ? CurationProblems.Unprocessable("id", $"{what} '{given}' is not the {Name}'s id '{id}'; ids never change.")
            : null;
}

/// <summary>Maps delete, restore and history for a kind of curated record.</summary>
public static class CuratedResourceEndpoints
{
    public static RouteGroupBuilder MapCurationCommons<T>(this RouteGroupBuilder group, CuratedResource<T> resource, string tagName)
        where T : class, ICurated
    {
        var title = char.ToUpperInvariant(resource.Name[0]) + resource.Name[1..];
        group.MapDelete("/{id}", (string id, CurationWriter writer, ClaimsDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
                DeleteAsync(resource, id, writer, db, time, http, ct))
            .WithName($"Delete{tagName}")
            .WithSummary($"Delete a {resource.Name}")
            .WithDescription($"Soft delete: the {resource.Name} disappears from reads, its history is kept and an admin can restore it. Needs If-Match with the current ETag. Refused (409) while other records depend on it.")
            .RequireAuthorization(Policies.Curator)
            .WithIfMatch()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesAuthProblems();

        group.MapPost("/{id}/restore", (string id, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct) =>
                RestoreAsync(resource, id, writer, db, http, ct))
            .WithName($"Restore{tagName}")
            .WithSummary($"Restore a deleted {resource.Name}")
            .WithDescription($"Brings a deleted {resource.Name} back as it was when deleted, as a new revision. Admins only.")
            .RequireAuthorization(Policies.Admin)
            .Produces(StatusCodes.Status200OK, resource.Representation)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesAuthProblems();

        group.MapGet("/{id}/history", ([AsParameters] HistoryQuery query, string id, ClaimsDbContext db, HttpContext http, CancellationToken ct) =>
                ListHistoryAsync(resource, id, query, db, http, ct))
            .WithName($"List{tagName}History")
            .WithSummary($"List the changes to a {resource.Name}")
            .WithDescription($"Every change to the {resource.Name}, oldest first: revision, action, who (the API key's name), when and which fields changed. Also for deleted records. Curators only.")
            .RequireAuthorization(Policies.Curator)
            .Validate<HistoryQuery>()
            .Produces<Page<HistoryChange>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesAuthProblems();

        group.MapGet("/{id}/history/{revision}", (string id, string revision, ClaimsDbContext db, CancellationToken ct) =>
                GetRevisionAsync(resource, id, revision, db, ct))
            .WithName($"Get{tagName}Revision")
            .WithSummary($"Get one past revision of a {resource.Name}")
            .WithDescription($"The change that made this revision, with the whole {resource.Name} before and after it, as the API represented it then. Curators only.")
            .RequireAuthorization(Policies.Curator)
            .Produces<HistoryRevision>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesAuthProblems();
        return group;
    }

    /// <summary>Declares the 401 and 403 problems of an endpoint that needs a key.</summary>
    public static RouteHandlerBuilder ProducesAuthProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Declares the If-Match precondition's problems (428 missing, 412 stale).</summary>
    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status428PreconditionRequired).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>Answers a successful write with the record as readers now see it, its ETag and, for a creation, its Location.</summary>
    public static async Task<IResult> RespondAsync<T>(CuratedResource<T> resource, string id, ClaimsDbContext db, HttpContext http, bool created, CancellationToken ct)
        where T : class, ICurated =>
        Respond(resource, id, await resource.Render(id, db, ct), http, created);

    /// <summary>
    /// Answers a successful write with <paramref name="record"/>, the rendering its history entry recorded inside
    /// the committed transaction (so the record is not read a third time), with its ETag and, for a creation, its Location.
    /// </summary>
    public static IResult Respond<T>(CuratedResource<T> resource, string id, IRevisioned? record, HttpContext http, bool created)
        where T : class, ICurated
    {
        if (record is null)
        {
            throw new InvalidOperationException($"{resource.Name} '{id}' was written but cannot be read back.");
        }

        http.Response.Headers.ETag = ETags.Of(record.Revision);
        return created ? TypedResults.Created(resource.Location(id), (object)record) : TypedResults.Ok((object)record);
    }

    private static async Task<IResult> DeleteAsync<T>(CuratedResource<T> resource, string id, CurationWriter writer, ClaimsDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
        where T : class, ICurated
    {
        var problem = await writer.RunAsync(async ct =>
        {
            var (record, failed) = await resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (record is null)
            {
                return failed;
            }

            // Locked before the check, so nothing can start resting on the record while it is being deleted.
            await db.LockRowsAsync(db.Model.FindEntityType(typeof(T))!.GetTableName()!, [id], exclusive: true, ct);
            if (resource.RefuseDelete is not null && await resource.RefuseDelete(record, db, ct) is { } refused)
            {
                return CurationProblems.Conflict(refused);
            }

            var before = await resource.Render(id, db, ct);
            record.DeletedAt = time.GetUtcNow();
            writer.Touch(record);
            await db.SaveChangesAsync(ct);
            await resource.RecordAsync(writer, db, id, record.Revision, "delete", before, ct);
            await db.SaveChangesAsync(ct);

            return null;
        }, ct);
        return problem ?? TypedResults.NoContent();
    }

    private static async Task<IResult> RestoreAsync<T>(CuratedResource<T> resource, string id, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
        where T : class, ICurated
    {
        IRevisioned? restored = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var record = await resource.Query(db).IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (record is null)
            {
                return Problems.NotFound(resource.Name, id);
            }

            if (record.DeletedAt is null)
            {
                return CurationProblems.Conflict($"{char.ToUpperInvariant(resource.Name[0])}{resource.Name[1..]} '{id}' is not deleted.");
            }

            if (resource.RefuseRestore is not null && await resource.RefuseRestore(record, db, ct) is { } refused)
            {
                return CurationProblems.Conflict(refused);
            }

            record.DeletedAt = null;
            writer.Touch(record);
            await db.SaveChangesAsync(ct);
            restored = await resource.RecordAsync(writer, db, id, record.Revision, "restore", null, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? Respond(resource, id, restored, http, created: false);
    }

    private static async Task<IResult> ListHistoryAsync<T>(CuratedResource<T> resource, string id, HistoryQuery query, ClaimsDbContext db, HttpContext http, CancellationToken ct)
        where T : class, ICurated
    {
        var entries = db.History.AsNoTracking().Where(h => h.ResourceType == resource.Name && h.ResourceId == id);
        Paging.TryDecode(query.Cursor, HistoryQuery.Sort, out var cursor);
        if (cursor is not null)
        {
            var after = int.TryParse(cursor.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
            entries = entries.Where(h => h.Revision > after);
        }

        var limit = QueryValues.Limit(query.Limit);
        var rows = await entries.OrderBy(h => h.Revision).Take(limit + 1).ToListAsync(ct);
        if (rows.Count == 0 && cursor is null)
        {
            return Problems.NotFound(resource.Name, id);
        }

        var page = rows.Select(Summarise).ToList()
            .ToPage(limit, http, h => new Paging.Cursor(HistoryQuery.Sort, null, h.Revision.ToString(CultureInfo.InvariantCulture)));
        return TypedResults.Ok(page);
    }

    private static async Task<IResult> GetRevisionAsync<T>(CuratedResource<T> resource, string id, string revision, ClaimsDbContext db, CancellationToken ct)
        where T : class, ICurated
    {
        if (!int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return NoSuchRevision(resource.Name, id, revision);
        }

        var entry = await db.History.AsNoTracking().FirstOrDefaultAsync(h => h.ResourceType == resource.Name && h.ResourceId == id && h.Revision == number, ct);
        if (entry is null)
        {
            return NoSuchRevision(resource.Name, id, revision);
        }

        return TypedResults.Ok(new HistoryRevision(
            entry.Revision, entry.Action, entry.Actor, entry.At, Changes(entry),
            entry.Before is null ? null : JsonDocument.Parse(entry.Before).RootElement,
            entry.After is null ? null : JsonDocument.Parse(entry.After).RootElement));
    }

    private static ProblemHttpResult NoSuchRevision(string resource, string id, string revision) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not Found",
        detail: $"{char.ToUpperInvariant(resource[0])}{resource[1..]} '{id}' has no revision '{(revision.Length > 20 ? revision[..20] + "..." : revision)}' in its history.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    private static HistoryChange Summarise(HistoryEntry entry) => new(entry.Revision, entry.Action, entry.Actor, entry.At, Changes(entry));

    private static List<string> Changes(HistoryEntry entry) => JsonSerializer.Deserialize<List<string>>(entry.Changes) ?? [];
}

/// <summary>One change to a record.</summary>
/// <param name="Revision">The revision the change made.</param>
/// <param name="Action">create, update, transition, merge, delete or restore.</param>
/// <param name="Actor">Who made it: the API key's name, or "seeds" for the seed import.</param>
/// <param name="At">When.</param>
/// <param name="Changes">The top-level fields whose values changed.</param>
public sealed record HistoryChange(int Revision, string Action, string Actor, DateTimeOffset At, IReadOnlyList<string> Changes);

/// <summary>One change to a record, with the whole record before and after it.</summary>
/// <param name="Revision">The revision the change made.</param>
/// <param name="Action">create, update, transition, merge, delete or restore.</param>
/// <param name="Actor">Who made it: the API key's name, or "seeds" for the seed import.</param>
/// <param name="At">When.</param>
/// <param name="Changes">The top-level fields whose values changed.</param>
/// <param name="Before">The record before the change, as the API represented it (null for a creation or a restore).</param>
/// <param name="After">The record after the change (null for a deletion).</param>
public sealed record HistoryRevision(int Revision, string Action, string Actor, DateTimeOffset At, IReadOnlyList<string> Changes, JsonElement? Before, JsonElement? After);

/// <summary>Paging for a record's history (oldest change first).</summary>
public sealed record HistoryQuery : PageQuery
{
    internal const string Sort = "revision";
}

internal sealed class HistoryQueryValidator : AbstractValidator<HistoryQuery>
{
    public HistoryQueryValidator()
    {
        RuleFor(q => q.Limit).MustBeLimit().OverridePropertyName("limit");
        RuleFor(q => q.Cursor).MustBeCursor(_ => HistoryQuery.Sort).OverridePropertyName("cursor");
    }
}
