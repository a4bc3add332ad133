using System.Text.Json;
using static ClaimsApi.Ceiling.Wire;

namespace ClaimsApi.Ceiling;

/// <summary>
/// <c>GET /v1/articles/{id}</c> (the API's ArticleEndpoints.LoadAsync): the article with its publisher, its paragraphs,
/// its statements in text order (start, then the longer first, then id) each followed by its claim ids, and its claims
/// in id order; statements and claims only those the reader may see.
/// </summary>
internal static class Articles
{
    private const int Article = 0, Paragraph = 1, Statement = 2, ClaimId = 3, Claim = 4;

    private static readonly RowShape Shape = new(texts: Statements.Texts.Length, numbers: Statements.Numbers.Length);

    public static Query Detail(Dialect sql) => new($"""
        {Shape.Select(Article,
            ["a.id", "a.title", "a.lead", sql.Date("a.published_on"), "a.published_on_precision", "a.language", "pub.id", "pub.name", "pub.kind", "a.source_url", "a.seed_file", "a.content_sha256", "a.text"],
            ["a.revision"])}
        FROM articles a LEFT JOIN entities pub ON pub.id = a.publisher_id
        WHERE a.id = @id AND {Visible.Live("a")}
        UNION ALL
        {Shape.Select(Paragraph, ["p.role", "p.text", "p.artifact"], ["p.\"index\"", "p.start", "p.\"end\""], n1: "p.\"index\"")}
        FROM article_paragraphs p
        WHERE p.article_id = @id
        UNION ALL
        {Shape.Select(Statement, Statements.Texts, Statements.Numbers, n1: "s.start", n2: "-s.\"end\"", k1: "s.id")}
        FROM statements s {Statements.Joins}
        WHERE s.article_id = @id AND {Visible.Published("s")}
        UNION ALL
        {Shape.Select(ClaimId, ["e.claim_id"], n1: "s.start", n2: "-s.\"end\"", k1: "s.id", k2: "e.claim_id", section: Statement, distinct: true)}
        FROM statements s {Statements.Evidence}
        WHERE s.article_id = @id AND {Visible.Published("s")}
        UNION ALL
        {Shape.Select(Claim, Claims.SummaryColumns(sql), k1: "c.id")}
        FROM claims c JOIN entities ce ON ce.id = c.claimant_id
        WHERE c.article_id = @id AND {Visible.Published("c")}
        {RowShape.OrderBy}
        """, Shape, "@id");

    public static async ValueTask<bool> WriteAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct)
    {
        if (!await rows.NextAsync(ct) || !rows.At(Article))
        {
            return false;
        }

        var article = rows.Columns;
        json.WriteStartObject();
        json.WriteString(Names.Id, article.Text());
        json.WriteString(Names.Title, article.Text());
        json.WriteString(Names.Lead, article.Text());
        json.WriteString(Names.PublishedOn, article.Text());
        json.WriteEnum(Names.PublishedOnPrecision, article.Text());
        json.WriteString(Names.Language, article.Text());
        json.WriteRef(Names.Publisher, ref article);
        json.WriteString(Names.SourceUrl, article.Text());
        json.WriteString(Names.SeedFile, article.Text());
        json.WriteString(Names.ContentSha256, article.Text());
        json.WriteString(Names.Text, article.Text());
        var revision = article.Number();
        await rows.NextAsync(ct);

        json.WriteStartArray(Names.Paragraphs);
        for (; rows.At(Paragraph); await rows.NextAsync(ct))
        {
            var paragraph = rows.Columns;
            json.WriteStartObject();
            json.WriteNumber(Names.Index, paragraph.Number());
            json.WriteEnum(Names.Role, paragraph.Text());
            json.WriteSpan(Names.Span, paragraph.Number(), paragraph.Number());
            json.WriteString(Names.Text, paragraph.Text());
            json.WriteString(Names.Artifact, paragraph.Text());
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray(Names.Statements);
        while (rows.At(Statement))
        {
            await Statements.WriteAsync(rows, json, ct, Statement, ClaimId);
        }

        json.WriteEndArray();

        json.WriteStartArray(Names.Claims);
        for (; rows.At(Claim); await rows.NextAsync(ct))
        {
            var claim = rows.Columns;
            Claims.WriteSummary(json, ref claim);
        }

        json.WriteEndArray();
        json.WriteNumber(Names.Revision, revision);
        json.WriteEndObject();
        return true;
    }
}
