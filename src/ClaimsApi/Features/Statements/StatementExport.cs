using ClaimsApi.Export;

namespace ClaimsApi.Features.Statements;

/// <summary>The CSV columns of the statements export (<c>GET /v1/statements/export</c>), named by the JSON paths they flatten.</summary>
internal static class StatementExport
{
    public static readonly CsvColumn<StatementResponse>[] Columns =
    [
        new("id", s => s.Id),
        new("articleId", s => s.ArticleId),
        new("speaker.id", s => s.Speaker.Id),
        new("speaker.name", s => s.Speaker.Name),
        new("speaker.kind", s => CsvFields.Of(s.Speaker.Kind)),
        new("kind", s => CsvFields.Of(s.Kind)),
        new("cue", s => s.Cue),
        new("text", s => s.Text),
        new("span", s => CsvFields.Of(s.Span)),
        new("parentId", s => s.ParentId),
        new("source.id", s => s.Source?.Id),
        new("source.name", s => s.Source?.Name),
        new("claimIds", s => CsvFields.List(s.ClaimIds)),
        new("workflow", s => CsvFields.Of(s.Workflow)),
        new("retractionReason", s => s.RetractionReason),
        new("revision", s => CsvFields.Of(s.Revision)),
    ];
}
