using ClaimsApi.Domain;
using ClaimsApi.Export;
using ClaimsApi.Http;
using ClaimsApi.Persistence;

namespace ClaimsApi.Features.Claims;

/// <summary>
/// The claims export (<c>GET /v1/claims/export</c>): NDJSON lines are <see cref="ClaimDetail"/>s as <c>GET
/// /v1/claims/{id}</c> sends them; CSV rows flatten the claimant, qualifiers, evidence (quotes and spans), mentions and
/// links into one field each, and the reviews into their number and the latest one's verdict (by the date it was
/// published, as the claim's representation orders them).
/// </summary>
internal static class ClaimExport
{
    private static readonly Keyset<ClaimedFact> ById = Keyset<ClaimedFact>.Ascending(c => c.Id);

    public static ExportSource<ClaimDetail> Source(IQueryable<ClaimedFact> claims, ClaimsDbContext db) =>
        ExportSource.Of(claims, ById, (batch, ct) => ClaimEndpoints.RenderAsync(batch, db, ct), c => c.Id, Columns);

    /// <summary>The CSV columns, named by the JSON paths they flatten (docs/api-guide.md#exports).</summary>
    private static readonly CsvColumn<ClaimDetail>[] Columns =
    [
        new("id", r => r.Id),
        new("text", r => r.Text),
        new("claimant.id", r => r.Claimant.Id),
        new("claimant.name", r => r.Claimant.Name),
        new("claimant.kind", r => CsvFields.Of(r.Claimant.Kind)),
        new("kind", r => CsvFields.Of(r.Kind)),
        new("claimedOn", r => CsvFields.Of(r.ClaimedOn)),
        new("status", r => CsvFields.Of(r.Status)),
        new("articleId", r => r.ArticleId),
        new("subject", r => r.Subject),
        new("predicate", r => r.Predicate),
        new("object", r => r.Object),
        new("qualifiers", r => CsvFields.List(r.Qualifiers.Select(q => $"{q.Name}={q.Value}"))),
        new("evidence.statementId", r => CsvFields.List(r.Evidence.Select(e => e.StatementId))),
        new("evidence.speaker.id", r => CsvFields.List(r.Evidence.Select(e => e.Speaker.Id))),
        new("evidence.speaker.name", r => CsvFields.List(r.Evidence.Select(e => e.Speaker.Name))),
        new("evidence.text", r => CsvFields.List(r.Evidence.Select(e => e.Text))),
        new("evidence.span", r => CsvFields.List(r.Evidence.Select(e => CsvFields.Of(e.Span)))),
        new("mentions.id", r => CsvFields.List(r.Mentions.Select(m => m.Id))),
        new("mentions.name", r => CsvFields.List(r.Mentions.Select(m => m.Name))),
        new("links", r => CsvFields.List(r.Links.Select(l => $"{CsvFields.Of(l.Direction)} {CsvFields.Of(l.Kind)} {l.ClaimId}"))),
        new("workflow", r => CsvFields.Of(r.Workflow)),
        new("retractionReason", r => r.RetractionReason),
        new("revision", r => CsvFields.Of(r.Revision)),
        new("reviews.count", r => CsvFields.Of(r.Reviews.Count)),
        new("reviews.latest.rating", r => Latest(r) is { } latest ? CsvFields.Of(latest.Rating) : null),
        new("reviews.latest.ratingText", r => Latest(r)?.RatingText),
        new("reviews.latest.reviewerName", r => Latest(r)?.ReviewerName),
        new("reviews.latest.reviewedOn", r => Latest(r) is { } latest ? CsvFields.Of(latest.ReviewedOn) : null),
        new("reviews.latest.url", r => Latest(r)?.Url),
    ];

    /// <summary>The claim's latest review (its representation lists them newest first), or null.</summary>
    private static Features.Reviews.ReviewResponse? Latest(ClaimDetail claim) => claim.Reviews.Count > 0 ? claim.Reviews[0] : null;
}
