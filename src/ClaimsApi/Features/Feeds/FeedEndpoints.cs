using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Features.Feeds;

/// <summary>
/// The Atom feed of claims and reviews (RFC 4287, decision 0036): the change feed as an anonymous reader sees it,
/// restricted to claims and their reviews, newest first, one entry per change. An entry is made from the history's
/// copy of the record as that change left it, so it never changes once written: its id, its time and its text are
/// the same on every request. Pages go back through the change log (RFC 5005's <c>next</c>), and below a page's
/// last position nothing new can appear, since later changes take higher positions.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>The kinds of record the feed follows.</summary>
    private static readonly string[] Types = [CuratedRecords.Claim, CuratedRecords.Review];

    /// <summary>What a change is called at the start of an entry's title.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [ChangeEvents.Created] = "New",
        [ChangeEvents.Updated] = "Updated",
        [ChangeEvents.Submitted] = "Submitted",
        [ChangeEvents.Published] = "Published",
        [ChangeEvents.Retracted] = "Retracted",
        [ChangeEvents.Drafted] = "Back to draft",
        [ChangeEvents.Deleted] = "Deleted",
        [ChangeEvents.Restored] = "Restored",
        [ChangeEvents.Merged] = "Merged",
    };

    [EndpointName("GetClaimFeed")]
    [EndpointSummary("Follow claims and reviews in a feed reader (Atom)")]
    [EndpointDescription("An Atom feed (RFC 4287, application/atom+xml) of the changes to published claims and their reviews, newest first: one entry per change (published, updated, retracted, deleted, restored; a review created, updated or deleted), each with a stable tag: id, the time of the change, the claim's text or the review's verdict, its claimant or reviewer, and a link to the record. Anonymous: what anyone may read, whatever key is sent. Filtered like the claim list (claimant, entity, status …, applied to the claims as they are now, and to reviews through their claim). Older entries: the feed's link rel=\"next\" (also in the Link header). The ETag is a digest of the bytes: If-None-Match answers 304 while nothing new is in the page.")]
    internal static async Task<IResult> Claims(
        [AsParameters] ClaimFeedQuery query, ClaimsDbContext db, IOptions<FeedOptions> options, HttpContext http, CancellationToken ct)
    {
        var limit = QueryValues.Limit(query.Limit);
        var changes = await ChangeLog.ReadBackAsync(db, query.Before, Types, everyone: false, Among(query, db), limit + 1, ct);
        var page = changes.ToPage(limit, http, c => new Paging.Cursor(ClaimFeedQuery.Sort, c.Change.Position.ToString(CultureInfo.InvariantCulture), c.Change.Id));

        var request = http.Request;
        var origin = $"{request.Scheme}://{(request.Host.HasValue ? request.Host.ToUriComponent() : "localhost")}";
        var authority = options.Value.TagAuthority
            ?? $"{(request.Host.HasValue && FeedOptions.IsDnsName(request.Host.Host) ? request.Host.Host.ToLowerInvariant() : "localhost")},2026";
        var filters = request.Query
            .Where(q => !string.Equals(q.Key, "limit", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .Select(q => (Name: q.Key.ToLowerInvariant(), Value: q.Value.ToString()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var filterQuery = filters.Count == 0 ? "" : "?" + string.Join("&", filters.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));
        var links = new List<AtomLink>
        {
            new("self", request.GetEncodedUrl(), AtomWriter.MediaType),
            new("first", origin + Paging.WithCursor(request, null), AtomWriter.MediaType),
            new("alternate", $"{origin}{request.PathBase}/v1/claims{filterQuery}", "application/json"),
        };
        if (page.Next is { } next)
        {
            links.Add(new("next", origin + next, AtomWriter.MediaType));
        }

        var head = new AtomFeedHead(
            $"tag:{authority}:feeds/claims{filterQuery}",
            "Claims and reviews" + (filters.Count == 0 ? "" : ": " + string.Join(", ", filters.Select(f => $"{f.Name} {f.Value}"))),
            "Changes to published claims and their reviews, newest first.",
            page.Items.Count > 0 ? page.Items[0].Change.At : DateTimeOffset.UnixEpoch,
            options.Value.Author,
            links);
        var api = origin + request.PathBase;
        var body = AtomWriter.Write(head, page.Items.Select(c => Entry(c, authority, api)));
        if (page.Items.Count > 0)
        {
            http.Response.Headers.LastModified = head.Updated.ToString("R", CultureInfo.InvariantCulture);
        }

        return ETags.Send(body, ETags.For(body), http, AtomWriter.ContentType);
    }

    /// <summary>
    /// Which history entries the filter keeps: those of the claims that pass it as they are now, and of the reviews
    /// of those claims; null without a filter. A claim is judged as it is now only when anyone has seen it so: its
    /// latest change is one the feed showed (always so for a published claim; for one retracted or deleted, until a
    /// curator changes it again out of sight). Otherwise its unpublished edits would show through the filter (a
    /// draft's new status making its old entries appear under <c>status=false</c>), so it passes no filter. That is
    /// checked entry by entry, for the few the page reads, not for every claim that passes.
    /// </summary>
    private static Expression<Func<HistoryEntry, bool>>? Among(ClaimFeedQuery filter, ClaimsDbContext db)
    {
        if (!filter.HasAny)
        {
            return null;
        }

        // Every claim, in any stage, deleted or not. The entities a claim mentions are read from their index (the
        // claims of one entity), where Apply's EXISTS per claim would visit every claim.
        var every = db.Claims.IgnoreQueryFilters();
        if (filter.Entity is { } entity)
        {
            var mentioning = db.ClaimMentions.Where(m => m.EntityId == entity).Select(m => m.ClaimId);
            every = every.Where(c => mentioning.Contains(c.Id));
        }

        var claims = (filter with { Entity = null }).Apply(every, db.Articles.IgnoreQueryFilters()).Select(c => c.Id);
        var history = db.History;
        var reviews = db.Reviews.IgnoreQueryFilters()
            .Where(r => claims.Contains(r.ClaimId) && history
                .Where(c => c.ResourceType == CuratedRecords.Claim && c.ResourceId == r.ClaimId)
                .OrderByDescending(c => c.Revision).Select(c => c.PublicBefore || c.PublicAfter).FirstOrDefault())
            .Select(r => r.Id);
        return h => (h.ResourceType == CuratedRecords.Claim && claims.Contains(h.ResourceId) && history
                .Where(c => c.ResourceType == CuratedRecords.Claim && c.ResourceId == h.ResourceId)
                .OrderByDescending(c => c.Revision).Select(c => c.PublicBefore || c.PublicAfter).FirstOrDefault())
            || (h.ResourceType == CuratedRecords.Review && reviews.Contains(h.ResourceId));
    }

    /// <summary>The entry of one change, from the record as the change left it (the history's JSON of the API representation).</summary>
    private static AtomEntry Entry(LoggedSnapshot snapshot, string authority, string api)
    {
        var (_, type, id, revision, change, at) = snapshot.Change;
        using var json = JsonDocument.Parse(snapshot.Representation);
        var record = json.RootElement;
        var label = Labels.GetValueOrDefault(change, change);
        var path = type == CuratedRecords.Claim ? "claims" : "reviews";
        var entryId = $"tag:{authority}:{path}/{id}/history/{revision.ToString(CultureInfo.InvariantCulture)}";
        var scheme = $"{api}/v1/changes"; // the change feed names the kinds of change
        if (type == CuratedRecords.Claim)
        {
            var text = String(record, "text") ?? id;
            var claimant = record.TryGetProperty("claimant", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var claimantName = claimant.ValueKind == JsonValueKind.Object ? String(claimant, "name") : null;
            var claimantId = claimant.ValueKind == JsonValueKind.Object ? String(claimant, "id") : null;
            var summary = $"\u201c{text}\u201d claimed by {claimantName ?? "an unknown claimant"}"
                + (String(record, "claimedOn") is { } on ? $" on {on}" : "")
                + (String(record, "status") is { } status ? $"; verification status: {status}." : ".")
                + (String(record, "retractionReason") is { } reason ? $" Retracted: {reason}" : "");
            return new AtomEntry(
                entryId, $"{label}: {text}", at, claimantName ?? "Unknown claimant", claimantId is null ? null : $"{api}/v1/entities/{claimantId}",
                [new("alternate", $"{api}/v1/claims/{id}", "application/json")],
                change, label, scheme, summary);
        }

        var reviewer = String(record, "reviewerName") ?? "Unknown reviewer";
        var verdict = String(record, "ratingText") ?? String(record, "rating") ?? "no verdict";
        var claimId = String(record, "claimId");
        var links = new List<AtomLink> { new("alternate", $"{api}/v1/reviews/{id}", "application/json") };
        if (claimId is not null)
        {
            links.Add(new("related", $"{api}/v1/claims/{claimId}", "application/json"));
        }

        if (String(record, "url") is { } published && Uri.TryCreate(published, UriKind.Absolute, out _))
        {
            links.Add(new("via", published, "text/html"));
        }

        var reviewSummary = $"{reviewer} rated claim {claimId ?? "(unknown)"} \u201c{verdict}\u201d"
            + (String(record, "rating") is { } rating ? $" ({rating})" : "")
            + (String(record, "reviewedOn") is { } reviewedOn ? $" on {reviewedOn}." : ".")
            + (String(record, "summary") is { } found ? $" {found}" : "");
        return new AtomEntry(
            entryId, $"{label} review by {reviewer}: {verdict}", at, reviewer,
            String(record, "reviewerUrl") is { } home && Uri.TryCreate(home, UriKind.Absolute, out _) ? home : null,
            links, change, label, scheme, reviewSummary);
    }

    /// <summary>A string property of the representation, or null (absent, null, or from an older shape of it).</summary>
    private static string? String(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
