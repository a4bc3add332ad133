using System.Text.Json;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Curation;

/// <summary>
/// Keeps every change in the history, with the whole record before and after it as the API represented it and
/// whether readers without the curator's role saw it either side: the change log the change feed, the text index
/// and webhook deliveries follow.
/// </summary>
public sealed class HistoryRecorder(IOptions<JsonOptions> json) : IChangeObserver
{
    public async ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        var options = json.Value.SerializerOptions;
        var before = change.Before is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(change.Before, change.Before.GetType(), options);
        var after = change.After is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(change.After, change.After.GetType(), options);
        db.History.Add(new HistoryEntry
        {
            ResourceType = change.Resource.Name,
            ResourceId = change.Id,
            Revision = change.Revision,
            Action = change.Action,
            Event = ChangeEvents.Of(change.Action, after),
            Actor = change.Actor,
            At = change.At,
            Changes = JsonSerializer.Serialize(after is { } a ? HistoryDiff.ChangedFields(before, a) : []),
            Before = before?.GetRawText(),
            After = after?.GetRawText(),
            PublicBefore = before is { } was && await change.Resource.IsPublicAsync(was, db, ct),
            PublicAfter = after is { } now && await change.Resource.IsPublicAsync(now, db, ct),
        });
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
