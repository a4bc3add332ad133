using System.Text;
using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Curation;

/// <summary>
/// Keeps every change in the history, with the whole record before and after it as the API represented it and
/// whether readers without the curator's role saw it either side: the change log the change feed, the text index
/// and webhook deliveries follow. The entries are inserted as they are made (<see cref="ClaimsDbContext.Rows"/>):
/// their ids, the change log's positions, follow the order of the changes.
/// </summary>
public sealed class HistoryRecorder(IOptions<JsonOptions> json) : IChangeObserver
{
    public ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct) => OnChangesAsync([change], db, ct);

    public async ValueTask OnChangesAsync(IReadOnlyList<CuratedChange> changes, ClaimsDbContext db, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            await db.Rows.InsertAsync(await EntryAsync(change, db, ct), ct);
        }
    }

    private async Task<HistoryEntry> EntryAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        var (before, after) = change.Json(json.Value.SerializerOptions);
        using var old = before is null ? null : JsonDocument.Parse(before);
        using var now = after is null ? null : JsonDocument.Parse(after);
        return new HistoryEntry
        {
            ResourceType = change.Resource.Name,
            ResourceId = change.Id,
            Revision = change.Revision,
            Action = change.Action,
            Event = ChangeEvents.Of(change.Action, now?.RootElement),
            Actor = change.Actor,
            At = change.At,
            Changes = JsonSerializer.Serialize(now is null ? [] : HistoryDiff.ChangedFields(old?.RootElement, now.RootElement)),
            Before = before is null ? null : Encoding.UTF8.GetString(before),
            After = after is null ? null : Encoding.UTF8.GetString(after),
            PublicBefore = old is not null && await change.Resource.IsPublicAsync(old.RootElement, db, ct),
            PublicAfter = now is not null && await change.Resource.IsPublicAsync(now.RootElement, db, ct),
        };
    }
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
