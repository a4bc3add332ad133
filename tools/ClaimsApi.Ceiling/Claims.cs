using System.Text.Json;
using static ClaimsApi.Ceiling.Wire;

namespace ClaimsApi.Ceiling;

/// <summary>What an anonymous reader may see (the API's query filters "deleted" and "unpublished", ClaimsDbContext).</summary>
internal static class Visible
{
    /// <summary>Claims and statements: live and published.</summary>
    public static string Published(string alias) => $"{alias}.deleted_at IS NULL AND {alias}.workflow = 'Published'";

    /// <summary>Articles and entities: live (they have no workflow).</summary>
    public static string Live(string alias) => $"{alias}.deleted_at IS NULL";
}

/// <summary>
/// <c>GET /v1/claims/{id}</c> (the API's ClaimEndpoints.LoadAsync) in one statement: the claim with its claimant, then
/// its qualifiers, evidence, mentions, links and reviews, each in the order the API lists them.
/// </summary>
internal static class Claims
{
    private const int Claim = 0, Qualifier = 1, Evidence = 2, Mention = 3, Link = 4, Review = 5;

    private static readonly RowShape Shape = new(texts: 14, numbers: 4);

    /// <summary>
    /// The API sorts links by direction, then kind, then the other claim's id; kind by the enum's value, the order of
    /// ClaimLinkKind's members, not by name.
    /// </summary>
    private const string LinkKindOrder = "CASE l.kind WHEN 'Supports' THEN 0 WHEN 'Contradicts' THEN 1 WHEN 'SameAs' THEN 2 WHEN 'Refines' THEN 3 END";

    public static Query Detail(Dialect sql) => new($"""
        {Shape.Select(Claim,
            ["c.id", "c.text", "ce.id", "ce.name", "ce.kind", "c.kind", sql.Date("c.claimed_on"), "c.status", "c.article_id", "c.subject", "c.predicate", "c.object", "c.workflow", "c.retraction_reason"],
            ["c.revision"])}
        FROM claims c JOIN entities ce ON ce.id = c.claimant_id
        WHERE c.id = @id AND {Visible.Published("c")}
        UNION ALL
        {Shape.Select(Qualifier, ["q.name", "q.value", "qe.id", "qe.name", "qe.kind"], n1: "q.ordinal")}
        FROM claim_qualifiers q LEFT JOIN entities qe ON qe.id = q.entity_id
        WHERE q.claim_id = @id
        UNION ALL
        {Shape.Select(Evidence,
            ["e.statement_id", "sp.id", "sp.name", "sp.kind", "s.kind", "e.text", "s.text"],
            ["e.start", "e.\"end\"", "e.start - s.start", "e.\"end\" - s.start"], n1: "e.ordinal")}
        FROM claim_evidence e
        JOIN statements s ON s.id = e.statement_id AND {Visible.Published("s")}
        JOIN entities sp ON sp.id = s.speaker_id
        WHERE e.claim_id = @id
        UNION ALL
        {Shape.Select(Mention, ["me.id", "me.name", "me.kind"], k1: "me.id")}
        FROM claim_mentions m JOIN entities me ON me.id = m.entity_id
        WHERE m.claim_id = @id
        UNION ALL
        {Shape.Select(Link, ["l.kind", "'Outgoing'", "o.id", "o.text"], n1: "0", n2: LinkKindOrder, k1: "o.id")}
        FROM claim_links l JOIN claims o ON o.id = l.to_claim_id AND {Visible.Published("o")}
        WHERE l.from_claim_id = @id
        UNION ALL
        {Shape.Select(Link, ["l.kind", "'Incoming'", "o.id", "o.text"], n1: "1", n2: LinkKindOrder, k1: "o.id")}
        FROM claim_links l JOIN claims o ON o.id = l.from_claim_id AND {Visible.Published("o")}
        WHERE l.to_claim_id = @id
        UNION ALL
        {Shape.Select(Review,
            ["r.id", "r.claim_id", "r.reviewer_name", "r.reviewer_url", "r.url", sql.Date("r.reviewed_on"), "r.rating_text", "r.rating", "r.summary"],
            ["r.revision"], n1: $"-{sql.DayNumber("r.reviewed_on")}", k1: sql.CodePointOrder("r.id"))}
        FROM claim_reviews r
        WHERE r.claim_id = @id AND {Visible.Live("r")}
        {RowShape.OrderBy}
        """, Shape, "@id");

    /// <summary>Writes the claim from its rows; false (nothing written) when there is no claim this reader may see.</summary>
    public static async ValueTask<bool> WriteAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct)
    {
        if (!await rows.NextAsync(ct) || !rows.At(Claim))
        {
            return false;
        }

        var claim = rows.Columns;
        json.WriteStartObject();
        json.WriteString(Names.Id, claim.Text());
        json.WriteString(Names.Text, claim.Text());
        json.WriteRef(Names.Claimant, ref claim);
        json.WriteEnum(Names.Kind, claim.Text());
        json.WriteString(Names.ClaimedOn, claim.Text());
        json.WriteEnum(Names.Status, claim.Text());
        json.WriteString(Names.ArticleId, claim.Text());
        json.WriteString(Names.Subject, claim.Text());
        json.WriteString(Names.Predicate, claim.Text());
        json.WriteString(Names.Object, claim.Text());
        var (workflow, reason, revision) = (claim.Text(), claim.Text(), claim.Number());
        await rows.NextAsync(ct);

        json.WriteStartArray(Names.Qualifiers);
        for (; rows.At(Qualifier); await rows.NextAsync(ct))
        {
            var qualifier = rows.Columns;
            json.WriteStartObject();
            json.WriteString(Names.Name, qualifier.Text());
            json.WriteString(Names.Value, qualifier.Text());
            json.WriteRef(Names.Entity, ref qualifier);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray(Names.Evidence);
        for (; rows.At(Evidence); await rows.NextAsync(ct))
        {
            var evidence = rows.Columns;
            json.WriteStartObject();
            json.WriteString(Names.StatementId, evidence.Text());
            json.WriteRef(Names.Speaker, ref evidence);
            json.WriteEnum(Names.StatementKind, evidence.Text());
            json.WriteString(Names.Text, evidence.Text());
            json.WriteSpan(Names.Span, evidence.Number(), evidence.Number());
            json.WriteSpan(Names.StatementSpan, evidence.Number(), evidence.Number());
            json.WriteString(Names.StatementText, evidence.Text());
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray(Names.Mentions);
        for (; rows.At(Mention); await rows.NextAsync(ct))
        {
            var mention = rows.Columns;
            json.WriteRef(null, ref mention);
        }

        json.WriteEndArray();

        json.WriteStartArray(Names.Links);
        for (; rows.At(Link); await rows.NextAsync(ct))
        {
            var link = rows.Columns;
            json.WriteStartObject();
            json.WriteEnum(Names.Kind, link.Text());
            json.WriteEnum(Names.Direction, link.Text());
            json.WriteString(Names.ClaimId, link.Text());
            json.WriteString(Names.ClaimText, link.Text());
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // Newest first (reviewedOn), then id: the order of the API's lists of reviews.
        json.WriteStartArray(Names.Reviews);
        for (; rows.At(Review); await rows.NextAsync(ct))
        {
            var review = rows.Columns;
            json.WriteStartObject();
            json.WriteString(Names.Id, review.Text());
            json.WriteString(Names.ClaimId, review.Text());
            json.WriteString(Names.ReviewerName, review.Text());
            json.WriteString(Names.ReviewerUrl, review.Text());
            json.WriteString(Names.Url, review.Text());
            json.WriteString(Names.ReviewedOn, review.Text());
            json.WriteString(Names.RatingText, review.Text());
            json.WriteEnum(Names.Rating, review.Text());
            json.WriteString(Names.Summary, review.Text());
            json.WriteNumber(Names.Revision, review.Number());
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteEnum(Names.Workflow, workflow);
        json.WriteString(Names.RetractionReason, reason);
        json.WriteNumber(Names.Revision, revision);
        json.WriteEndObject();
        return true;
    }

    /// <summary>The text columns of a ClaimSummary (claim <c>c</c> joined with its claimant <c>ce</c>), as <see cref="WriteSummary"/> reads them.</summary>
    public static string[] SummaryColumns(Dialect sql) =>
        ["c.id", "c.text", "ce.id", "ce.name", "ce.kind", "c.kind", sql.Date("c.claimed_on"), "c.status", "c.article_id", "c.workflow"];

    /// <summary>A ClaimSummary, as lists and articles embed it; returns its id and date, a list's keyset position.</summary>
    public static (string Id, string ClaimedOn) WriteSummary(Utf8JsonWriter json, ref Columns claim)
    {
        var id = claim.Text()!;
        json.WriteStartObject();
        json.WriteString(Names.Id, id);
        json.WriteString(Names.Text, claim.Text());
        json.WriteRef(Names.Claimant, ref claim);
        json.WriteEnum(Names.Kind, claim.Text());
        var claimedOn = claim.Text()!;
        json.WriteString(Names.ClaimedOn, claimedOn);
        json.WriteEnum(Names.Status, claim.Text());
        json.WriteString(Names.ArticleId, claim.Text());
        json.WriteEnum(Names.Workflow, claim.Text());
        json.WriteEndObject();
        return (id, claimedOn);
    }
}
