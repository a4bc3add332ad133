using ClaimsApi.Domain;
using ClaimsApi.Export;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Claims;

/// <summary>
/// The claims export (<c>GET /v1/claims/export</c>): NDJSON lines are <see cref="ClaimDetail"/>s as <c>GET
/// /v1/claims/{id}</c> sends them; CSV rows flatten the claimant, qualifiers, evidence (quotes and spans), mentions and
/// links into one field each, and add what the representation does not carry: how many reviews the claim has and the
/// latest one's verdict (by the date it was published, as the claim's review list orders them).
/// </summary>
internal static class ClaimExport
{
    private static readonly Keyset<ClaimedFact> ById = Keyset<ClaimedFact>.Ascending(c => c.Id);

    /// <summary>A claim as the export writes it: its representation, and for CSV the digest of its reviews.</summary>
    internal sealed record Row(ClaimDetail Claim, ReviewDigest? Reviews);

    /// <summary>How many reviews a claim has, and the latest.</summary>
    internal sealed record ReviewDigest(int Count, ReviewResponse? Latest);

    public static ExportSource<Row> Source(IQueryable<ClaimedFact> claims, ExportFormat format, ClaimsDbContext db) =>
        ExportSource.Of(claims, ById, (batch, ct) => RenderAsync(batch, format == ExportFormat.Csv, db, ct), r => r.Claim.Id, Columns, r => r.Claim);

    private static async Task<List<Row>> RenderAsync(IQueryable<ClaimedFact> batch, bool withReviews, ClaimsDbContext db, CancellationToken ct)
    {
        var claims = await ClaimEndpoints.RenderAsync(batch, db, ct);
        if (!withReviews || claims.Count == 0)
        {
            return [.. claims.Select(c => new Row(c, null))];
        }

        // The reviews of a claim a reader may see are visible to them (ReviewEndpoints.Visible): one query per batch.
        var ids = claims.Select(c => c.Id).ToList();
        var reviews = (await ReviewEndpoints.Project(db.Reviews.AsNoTracking().Where(r => ids.Contains(r.ClaimId))).ToListAsync(ct))
            .ToLookup(r => r.ClaimId, StringComparer.Ordinal);
        return [.. claims.Select(c =>
        {
            var ofClaim = reviews[c.Id].OrderByDescending(r => r.ReviewedOn).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            return new Row(c, new ReviewDigest(ofClaim.Count, ofClaim.FirstOrDefault()));
        })];
    }

    /// <summary>The CSV columns, named by the JSON paths they flatten (docs/api-guide.md#exports).</summary>
    private static readonly CsvColumn<Row>[] Columns =
    [
        new("id", r => r.Claim.Id),
        new("text", r => r.Claim.Text),
        new("claimant.id", r => r.Claim.Claimant.Id),
        new("claimant.name", r => r.Claim.Claimant.Name),
        new("claimant.kind", r => CsvFields.Of(r.Claim.Claimant.Kind)),
        new("kind", r => CsvFields.Of(r.Claim.Kind)),
        new("claimedOn", r => CsvFields.Of(r.Claim.ClaimedOn)),
        new("status", r => CsvFields.Of(r.Claim.Status)),
        new("articleId", r => r.Claim.ArticleId),
        new("subject", r => r.Claim.Subject),
        new("predicate", r => r.Claim.Predicate),
        new("object", r => r.Claim.Object),
        new("qualifiers", r => CsvFields.List(r.Claim.Qualifiers.Select(q => $"{q.Name}={q.Value}"))),
        new("evidence.statementId", r => CsvFields.List(r.Claim.Evidence.Select(e => e.StatementId))),
        new("evidence.speaker.id", r => CsvFields.List(r.Claim.Evidence.Select(e => e.Speaker.Id))),
        new("evidence.speaker.name", r => CsvFields.List(r.Claim.Evidence.Select(e => e.Speaker.Name))),
        new("evidence.text", r => CsvFields.List(r.Claim.Evidence.Select(e => e.Text))),
        new("evidence.span", r => CsvFields.List(r.Claim.Evidence.Select(e => CsvFields.Of(e.Span)))),
        new("mentions.id", r => CsvFields.List(r.Claim.Mentions.Select(m => m.Id))),
        new("mentions.name", r => CsvFields.List(r.Claim.Mentions.Select(m => m.Name))),
        new("links", r => CsvFields.List(r.Claim.Links.Select(l => $"{CsvFields.Of(l.Direction)} {CsvFields.Of(l.Kind)} {l.ClaimId}"))),
        new("workflow", r => CsvFields.Of(r.Claim.Workflow)),
        new("retractionReason", r => r.Claim.RetractionReason),
        new("revision", r => CsvFields.Of(r.Claim.Revision)),
        new("reviews.count", r => CsvFields.Of(r.Reviews?.Count ?? 0)),
        new("reviews.latest.rating", r => r.Reviews?.Latest is { } latest ? CsvFields.Of(latest.Rating) : null),
        new("reviews.latest.ratingText", r => r.Reviews?.Latest?.RatingText),
        new("reviews.latest.reviewerName", r => r.Reviews?.Latest?.ReviewerName),
        new("reviews.latest.reviewedOn", r => r.Reviews?.Latest is { } latest ? CsvFields.Of(latest.ReviewedOn) : null),
        new("reviews.latest.url", r => r.Reviews?.Latest?.Url),
    ];
}
