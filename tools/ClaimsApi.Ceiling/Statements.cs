using System.Text.Json;
using static ClaimsApi.Ceiling.Wire;

namespace ClaimsApi.Ceiling;

/// <summary>
/// <c>GET /v1/statements/{id}</c> and <c>GET /v1/statements?speaker=…</c> (the API's StatementEndpoints.ToResponsesAsync),
/// one statement each: a statement row (with its speaker, its parent when the reader may see it, and its source), followed
/// by one row per claim the reader may see that it is evidence for, in id order.
/// </summary>
internal static class Statements
{
    public const int Statement = 1, ClaimId = 2;

    /// <summary>The text columns of a statement row, as <see cref="WriteAsync"/> reads them.</summary>
    public static readonly string[] Texts =
        ["s.id", "s.article_id", "sp.id", "sp.name", "sp.kind", "s.kind", "s.cue", "s.text", "p.id", "so.id", "so.name", "so.kind", "s.workflow", "s.retraction_reason"];

    /// <summary>The integer columns of a statement row.</summary>
    public static readonly string[] Numbers = ["s.start", "s.\"end\"", "s.revision"];

    /// <summary>What a statement row joins: its speaker, its parent (only a parent the reader may see is named), its source.</summary>
    public static readonly string Joins = $"""
        JOIN entities sp ON sp.id = s.speaker_id
        LEFT JOIN statements p ON p.id = s.parent_id AND {Visible.Published("p")}
        LEFT JOIN entities so ON so.id = s.source_id
        """;

    /// <summary>The claims a statement is evidence for (<c>e</c>), those the reader may see (<c>c</c>).</summary>
    public static readonly string Evidence = $"JOIN claim_evidence e ON e.statement_id = s.id JOIN claims c ON c.id = e.claim_id AND {Visible.Published("c")}";

    private static readonly RowShape Shape = new(texts: Texts.Length, numbers: Numbers.Length);

    public static Query Detail() => new($"""
        {Shape.Select(Statement, Texts, Numbers, k1: "s.id", section: 1)}
        FROM statements s {Joins}
        WHERE s.id = @id AND {Visible.Published("s")}
        UNION ALL
        {Shape.Select(ClaimId, ["e.claim_id"], k1: "s.id", k2: "e.claim_id", section: 1, distinct: true)}
        FROM statements s {Evidence}
        WHERE s.id = @id
        {RowShape.OrderBy}
        """, Shape, "@id");

    /// <summary>A page of the statements of one speaker, in id order, after <c>@after</c> when <paramref name="after"/>.</summary>
    /// <remarks>
    /// The claim ids are found with <c>IN (SELECT … FROM page)</c> rather than a join: with a join, the SQLite that
    /// Microsoft.Data.Sqlite bundles (3.53) scanned all of claim_evidence (two million rows) and probed the page.
    /// </remarks>
    public static Query BySpeaker(bool after) => new($"""
        WITH page AS (
            SELECT s.id FROM statements s
            WHERE s.speaker_id = @speaker AND {Visible.Published("s")}{(after ? " AND s.id > @after" : "")}
            ORDER BY s.id LIMIT @take)
        {Shape.Select(Statement, Texts, Numbers, k1: "s.id", section: 1)}
        FROM page JOIN statements s ON s.id = page.id {Joins}
        UNION ALL
        {Shape.Select(ClaimId, ["e.claim_id"], k1: "e.statement_id", k2: "e.claim_id", section: 1, distinct: true)}
        FROM claim_evidence e JOIN claims c ON c.id = e.claim_id AND {Visible.Published("c")}
        WHERE e.statement_id IN (SELECT page.id FROM page)
        {RowShape.OrderBy}
        """, Shape, Lists.Parameters(("@speaker", true), ("@after", after), ("@take", true)));

    /// <summary>Writes the statement of <see cref="Detail"/>; false (nothing written) when there is none this reader may see.</summary>
    public static async ValueTask<bool> WriteDetailAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct)
    {
        if (!await rows.NextAsync(ct) || !rows.At(Statement))
        {
            return false;
        }

        await WriteAsync(rows, json, ct);
        return true;
    }

    /// <summary>
    /// Writes the statement at the current row (of kind <paramref name="statement"/>) and its claim ids from the rows
    /// of kind <paramref name="claimId"/> after it; leaves the rows at the next statement or section. Returns its id.
    /// </summary>
    public static async ValueTask<string> WriteAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct, int statement = Statement, int claimId = ClaimId)
    {
        if (!rows.At(statement))
        {
            throw new InvalidOperationException("Not at a statement row.");
        }

        var row = rows.Columns;
        var id = row.Text()!;
        json.WriteStartObject();
        json.WriteString(Names.Id, id);
        json.WriteString(Names.ArticleId, row.Text());
        json.WriteRef(Names.Speaker, ref row);
        json.WriteEnum(Names.Kind, row.Text());
        json.WriteString(Names.Cue, row.Text());
        json.WriteString(Names.Text, row.Text());
        json.WriteSpan(Names.Span, row.Number(), row.Number());
        json.WriteString(Names.ParentId, row.Text());
        json.WriteRef(Names.Source, ref row);
        var (workflow, reason, revision) = (row.Text(), row.Text(), row.Number());

        json.WriteStartArray(Names.ClaimIds);
        while (await rows.NextAsync(ct) && rows.At(claimId))
        {
            json.WriteStringValue(rows.Columns.Text());
        }

        json.WriteEndArray();
        json.WriteEnum(Names.Workflow, workflow);
        json.WriteString(Names.RetractionReason, reason);
        json.WriteNumber(Names.Revision, revision);
        json.WriteEndObject();
        return id;
    }
}
