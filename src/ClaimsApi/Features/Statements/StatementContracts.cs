using System.ComponentModel;
using ClaimsApi.Domain;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Statements;

/// <summary>One attributed utterance: who said what, and exactly where it is in the article.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="ArticleId">The article it is in.</param>
/// <param name="Speaker">Who said it.</param>
/// <param name="Kind">How it is attributed (quote, reported speech, the publication's own note …).</param>
/// <param name="Cue">The reporting phrase as written ("It is noted that"), if any.</param>
/// <param name="Text">The exact text; equals the article text sliced at <c>Span</c>.</param>
/// <param name="Span">Where the text is in the article (code points, half-open).</param>
/// <param name="ParentId">The statement that reports this one (nested attribution), if any.</param>
/// <param name="Source">The document the words come from, if known.</param>
/// <param name="ClaimIds">The claims this statement is evidence for.</param>
/// <param name="Workflow">Where it stands in the desk's workflow; anonymous readers see only published statements.</param>
/// <param name="RetractionReason">Why it was retracted, if it was.</param>
/// <param name="Provenance">Present only on a record the attribution extractor proposed: by what, how sure, and whether a person has confirmed it.</param>
/// <param name="Revision">Its revision, the first part of the ETag; send the ETag (or \"3\") back in If-Match to change the statement.</param>
public sealed record StatementResponse(
    string Id,
    string ArticleId,
    EntityRef Speaker,
    StatementKind Kind,
    string? Cue,
    string Text,
    Span Span,
    string? ParentId,
    EntityRef? Source,
    IReadOnlyList<string> ClaimIds,
    WorkflowState Workflow,
    string? RetractionReason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Provenance? Provenance,
    int Revision) : Http.IRevisioned;

/// <summary>Filters for the statement list.</summary>
public sealed record StatementListQuery : PageQuery
{
    [FromQuery(Name = "q"), Description("Only statements matching these words (full-text, entity-aware, as in GET /v1/search); the list keeps its order. For ranking by relevance use GET /v1/search.")]
    public string? Q { get; init; }

    [FromQuery(Name = "article"), Description("Only statements in this article (id).")]
    public string? Article { get; init; }

    [FromQuery(Name = "speaker"), Description("Only statements by this entity (id).")]
    public string? Speaker { get; init; }

    [FromQuery(Name = "kind"), Description("Only statements of this kind.")]
    [ParameterSchema(Enum = typeof(StatementKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "workflow"), Description("Only statements at this workflow stage. Anonymous readers and readers see only published statements; curators see every stage.")]
    [ParameterSchema(Enum = typeof(WorkflowState))]
    public string? Workflow { get; init; }

    internal const string Sort = "id";
}

internal sealed class StatementListQueryValidator : AbstractValidator<StatementListQuery>
{
    public StatementListQueryValidator()
    {
        RuleFor(q => q.Q).MustBeSearchText(required: false);
        RuleFor(q => q.Article).MustBeIdFilter("article");
        RuleFor(q => q.Speaker).MustBeIdFilter("speaker");
        RuleFor(q => q.Kind).MustBeOneOf<StatementListQuery, StatementKind>("kind");
        RuleFor(q => q.Workflow).MustBeOneOf<StatementListQuery, WorkflowState>("workflow");
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => StatementListQuery.Sort);
    }
}
