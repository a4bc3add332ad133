using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Curation;

/// <summary>
/// Runs one write as one transaction and records it in the history. A write either commits everything (the
/// record, its history entry, its search-index rows) or, when it returns a problem or fails, nothing.
/// </summary>
public sealed class CurationWriter(ClaimsDbContext db, TimeProvider time, IHttpContextAccessor accessor, IOptions<JsonOptions> json)
{
    /// <summary>Who is writing: the API key's name.</summary>
    public string Actor => accessor.HttpContext?.User.Identity?.Name ?? "system";

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction: commits when it returns null, rolls back and returns its
    /// problem otherwise. A lost race with another writer (the revision check in the UPDATE) is a 412; a unique
    /// or foreign-key violation from a concurrent write is a 409.
    /// </summary>
    public async Task<IResult?> RunAsync(Func<CancellationToken, Task<IResult?>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        using var turn = await db.WaitForWriteTurnAsync(cancellationToken);
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear(); // a retried attempt starts from nothing
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var problem = await work(ct);
                if (problem is not null)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return problem;
                }

                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CurationProblems.ChangedConcurrently();
        }
        catch (DbUpdateException e) when (IsConstraintViolation(e))
        {
            db.ChangeTracker.Clear();
            return CurationProblems.Conflict("The change conflicts with a change made at the same time (a record with this id was just created, or a record it refers to was just removed); read again and retry.");
        }
    }

    /// <summary>Marks a change to <paramref name="record"/>: a new revision, and the API's version now wins over the seeds.</summary>
    public void Touch(ICurated record)
    {
        record.Revision++;
        record.SeedFile = null;
    }

    /// <summary>Adds the history entry of a change; <paramref name="before"/> and <paramref name="after"/> are the record's API representations.</summary>
    public void Record(string resourceType, string id, int revision, string action, object? before, object? after, string? actor = null)
    {
        var options = json.Value.SerializerOptions;
        var beforeJson = before is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(before, before.GetType(), options);
        var afterJson = after is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(after, after.GetType(), options);
        db.History.Add(new HistoryEntry
        {
            ResourceType = resourceType,
            ResourceId = id,
            Revision = revision,
            Action = action,
            Actor = actor ?? Actor,
            At = time.GetUtcNow(),
            Changes = JsonSerializer.Serialize(afterJson is { } a && before is not null ? HistoryDiff.ChangedFields(beforeJson, a) : afterJson is { } created ? HistoryDiff.ChangedFields(null, created) : []),
            Before = beforeJson?.GetRawText(),
            After = afterJson?.GetRawText(),
        });
    }

    private static bool IsConstraintViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState is "23505" or "23503", // unique, foreign key
        _ => false,
    };
}

/// <summary>What changed between two representations of a record.</summary>
public static class HistoryDiff
{
    /// <summary>The top-level fields whose values differ (all fields of <paramref name="after"/> for a creation), in its order; the revision is not a change of its own.</summary>
    public static IReadOnlyList<string> ChangedFields(JsonElement? before, JsonElement after)
    {
        var changed = new List<string>();
        foreach (var property in after.EnumerateObject())
        {
            if (property.NameEquals("revision"))
            {
                continue;
            }

            if (before is not { ValueKind: JsonValueKind.Object } old || !old.TryGetProperty(property.Name, out var previous) || !JsonElement.DeepEquals(previous, property.Value))
            {
                changed.Add(property.Name);
            }
        }

        if (before is { ValueKind: JsonValueKind.Object } b)
        {
            changed.AddRange(b.EnumerateObject().Where(p => !after.TryGetProperty(p.Name, out _)).Select(p => p.Name));
        }

        return changed;
    }
}

/// <summary>Collects what does not fit the knowledge base, field by field, for one 422.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public IResult ToProblem() => CurationProblems.Unprocessable(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
