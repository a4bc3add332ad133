using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimsApi.ReadModel;

/// <summary>
/// Keeps the read model true with every change, in the change's transaction and after its change-log turn:
/// removes every stored representation that names the changed record or any id its representation names before
/// or after the change (the claims of a renamed claimant, both ends of a new link, the article of a new statement).
/// </summary>
public sealed class ReadModelInvalidation(RepresentationStore store, IOptions<JsonOptions> json) : IChangeObserver
{
    public async ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        await store.InvalidateAsync(db, Touched(change, json.Value.SerializerOptions), ct);
    }

    /// <summary>What many changes touch, removed in one statement.</summary>
    public async ValueTask OnChangesAsync(IReadOnlyList<CuratedChange> changes, ClaimsDbContext db, CancellationToken ct)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            touched.UnionWith(Touched(change, json.Value.SerializerOptions));
        }

        await store.InvalidateAsync(db, touched, ct);
    }

    /// <summary>What a change touches: the record, its kind (for the pages of unfiltered lists), and every id its representation names before and after.</summary>
    internal static HashSet<string> Touched(CuratedChange change, JsonSerializerOptions options)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal) { change.Id, RepresentationRefs.Collection(change.Resource.Name) };
        var (before, after) = change.Json(options);
        foreach (var representation in (ReadOnlySpan<byte[]?>)[before, after])
        {
            if (representation is not null)
            {
                RepresentationRefs.Collect(representation, touched);
            }
        }

        return touched;
    }
}
