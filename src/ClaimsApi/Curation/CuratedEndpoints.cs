using System.Globalization;
using System.Text.Json;
using ClaimsApi.Auth;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Curation;

/// <summary>
/// The endpoints every curated record shares (delete, restore, history, one revision), with how each is
/// described in the OpenAPI document, for the route table to map (<see cref="ApiRoutes"/>).
/// </summary>
/// <typeparam name="T">The stored record.</typeparam>
/// <typeparam name="TView">Its API representation.</typeparam>
public sealed class CuratedEndpoints<T, TView>(CuratedResource<T, TView> resource, string tag)
    where T : class, ICurated
    where TView : class, IRevisioned
{
    private static readonly Keyset<HistoryEntry> OldestFirst = Keyset<HistoryEntry>.Ascending(h => h.Revision);

    public Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, CurationPipeline curation, CancellationToken ct) =>
        curation.DeleteAsync(resource, id, ct).NoContent();

    public Task<Results<Ok<TView>, ProblemHttpResult>> RestoreAsync(string id, CurationPipeline curation, CancellationToken ct) =>
        curation.RestoreAsync(resource, id, ct).Ok();

    public async Task<Results<Ok<Page<HistoryChange>>, ProblemHttpResult>> ListHistoryAsync(
        [AsParameters] HistoryQuery query, string id, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var entries = db.History.AsNoTracking().Where(h => h.ResourceType == resource.Name && h.ResourceId == id);
        Paging.TryDecode(query.Cursor, HistoryQuery.Sort, out var cursor);
        var after = cursor is null ? null
            : new object[] { int.TryParse(cursor.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue };
        var limit = QueryValues.Limit(query.Limit);
        var rows = await OldestFirst.Page(entries, after).Take(limit + 1).ToListAsync(ct);
        if (rows.Count == 0 && cursor is null)
        {
            return Problems.NotFound(resource.Name, id);
        }

        var page = rows.Select(e => new HistoryChange(e.Revision, e.Action, e.Actor, e.At, Changes(e))).ToList()
            .ToPage(limit, http, h => new Paging.Cursor(HistoryQuery.Sort, null, h.Revision.ToString(CultureInfo.InvariantCulture)));
        return TypedResults.Ok(page);
    }

    public async Task<Results<Ok<HistoryRevision>, ProblemHttpResult>> GetRevisionAsync(string id, string revision, ClaimsDbContext db, CancellationToken ct)
    {
        var entry = int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await db.History.AsNoTracking().FirstOrDefaultAsync(h => h.ResourceType == resource.Name && h.ResourceId == id && h.Revision == number, ct)
            : null;
        if (entry is null)
        {
            return Problems.NoSuchRevision(resource.Title, id, revision);
        }

        return TypedResults.Ok(new HistoryRevision(
            entry.Revision, entry.Action, entry.Actor, entry.At, Changes(entry),
            entry.Before is null ? null : JsonDocument.Parse(entry.Before).RootElement,
            entry.After is null ? null : JsonDocument.Parse(entry.After).RootElement));
    }

    public void Deletion(RouteHandlerBuilder route) => route
        .WithName($"Delete{tag}")
        .WithSummary($"Delete {resource.WithIndefiniteArticle}")
        .WithDescription($"Soft delete: the {resource.Name} disappears from reads, its history is kept and an admin can restore it. Needs If-Match with the current ETag. Refused (409) while other records depend on it.")
        .RequireAuthorization(Policies.Curator)
        .ProducesWriteProblems(WriteProblems.NotFound | WriteProblems.Conflict | WriteProblems.IfMatch);

    public void Restoration(RouteHandlerBuilder route) => route
        .WithName($"Restore{tag}")
        .WithSummary($"Restore a deleted {resource.Name}")
        .WithDescription($"Brings a deleted {resource.Name} back as it was when deleted, as a new revision. Admins only.")
        .RequireAuthorization(Policies.Admin)
        .ProducesWriteProblems(WriteProblems.NotFound | WriteProblems.Conflict);

    public void History(RouteHandlerBuilder route) => route
        .WithName($"List{tag}History")
        .WithSummary($"List the changes to {resource.WithIndefiniteArticle}")
        .WithDescription($"Every change to the {resource.Name}, oldest first: revision, action, who (the API key's name), when and which fields changed. Also for deleted records. Curators only.")
        .RequireAuthorization(Policies.Curator)
        .Validate<HistoryQuery>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesAuthProblems();

    public void Revision(RouteHandlerBuilder route) => route
        .WithName($"Get{tag}Revision")
        .WithSummary($"Get one past revision of {resource.WithIndefiniteArticle}")
        .WithDescription($"The change that made this revision, with the whole {resource.Name} before and after it, as the API represented it then. Curators only.")
        .RequireAuthorization(Policies.Curator)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesAuthProblems();

    private static List<string> Changes(HistoryEntry entry) => JsonSerializer.Deserialize<List<string>>(entry.Changes) ?? [];
}

/// <summary>Workflow moves, for the records that have a workflow, and how they are described.</summary>
public sealed class WorkflowEndpoints<T, TView>(CuratedResource<T, TView> resource, string tag, string description)
    where T : class, IWorkflowed
    where TView : class, IRevisioned
{
    public Task<Results<Ok<TView>, ProblemHttpResult>> MoveAsync(string id, WorkflowMove body, CurationPipeline curation, CancellationToken ct) =>
        curation.MoveAsync(resource, id, body.To!.Value, body.Reason, ct).Ok();

    public void Move(RouteHandlerBuilder route) => route
        .WithName($"Move{tag}")
        .WithSummary($"Move {resource.WithIndefiniteArticle} through the workflow")
        .WithDescription(description)
        .RequireAuthorization(Policies.Curator)
        .AcceptsJson<WorkflowMove>()
        .ProducesWriteProblems(WriteProblems.NotFound | WriteProblems.Conflict | WriteProblems.IfMatch);
}

/// <summary>How write endpoints declare their bodies and their problems.</summary>
public static class CuratedEndpoints
{
    /// <summary>Applies a description of the endpoint (<see cref="CuratedEndpoints{T, TView}.Deletion"/> and the like).</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder route, Action<RouteHandlerBuilder> describe)
    {
        describe(route);
        return route;
    }

    /// <summary>Declares a JSON request body of type <typeparamref name="T"/>, its size limit, and validates it.</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, int maxBytes = WriteLimits.JsonBodyBytes)
        where T : notnull =>
        builder.Accepts<T>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes))
            .Validate<T>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Declares the problems a write endpoint can answer: those named, and 401/403 for the key it needs.</summary>
    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder builder, WriteProblems problems)
    {
        foreach (var (problem, status) in Statuses)
        {
            if (problems.HasFlag(problem))
            {
                builder.ProducesProblem(status);
            }
        }

        return builder.ProducesAuthProblems();
    }

    /// <summary>Declares the 401 and 403 problems of an endpoint that needs a key.</summary>
    public static RouteHandlerBuilder ProducesAuthProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    private static readonly (WriteProblems Problem, int Status)[] Statuses =
    [
        (WriteProblems.NotFound, StatusCodes.Status404NotFound),
        (WriteProblems.Conflict, StatusCodes.Status409Conflict),
        (WriteProblems.IfMatch, StatusCodes.Status412PreconditionFailed),
        (WriteProblems.IfMatch, StatusCodes.Status428PreconditionRequired),
        (WriteProblems.Unprocessable, StatusCodes.Status422UnprocessableEntity),
    ];
}

/// <summary>The problems beyond 400, 401, 403, 413 and 415 that a write endpoint can answer.</summary>
[Flags]
public enum WriteProblems
{
    None = 0,

    /// <summary>404: the record (or the one it belongs to) is not there.</summary>
    NotFound = 1,

    /// <summary>409: the id is taken, or the change conflicts with the records that rest on it or that it rests on.</summary>
    Conflict = 2,

    /// <summary>428 without If-Match, 412 when it is stale (and when another writer won the race).</summary>
    IfMatch = 4,

    /// <summary>422: a well-formed body that does not fit the knowledge base.</summary>
    Unprocessable = 8,
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
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => HistoryQuery.Sort);
    }
}
