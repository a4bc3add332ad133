using System.ComponentModel;
using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Articles;

/// <summary>An article as it appears in lists.</summary>
/// <param name="Id">Stable id (the 16-hex id of the seed file).</param>
/// <param name="Title">The headline.</param>
/// <param name="Lead">The standfirst from the date line.</param>
/// <param name="PublishedOn">The publication date (YYYY-MM-DD; see <c>PublishedOnPrecision</c>).</param>
/// <param name="PublishedOnPrecision">How much of the date is known: day, month or year.</param>
/// <param name="Language">BCP 47 language tag.</param>
/// <param name="Publisher">The outlet, if known.</param>
/// <param name="StatementCount">How many attributed statements it has.</param>
/// <param name="ClaimCount">How many claims were curated from it.</param>
public sealed record ArticleSummary(
    string Id,
    string Title,
    string Lead,
    DateOnly PublishedOn,
    DatePrecision PublishedOnPrecision,
    string Language,
    EntityRef? Publisher,
    int StatementCount,
    int ClaimCount);

/// <summary>An article exactly as published, with its paragraphs, statements and claims.</summary>
/// <param name="Id">Stable id (the 16-hex id of the seed file).</param>
/// <param name="Title">The headline.</param>
/// <param name="Lead">The standfirst from the date line.</param>
/// <param name="PublishedOn">The publication date (YYYY-MM-DD; see <c>PublishedOnPrecision</c>).</param>
/// <param name="PublishedOnPrecision">How much of the date is known: day, month or year.</param>
/// <param name="Language">BCP 47 language tag.</param>
/// <param name="Publisher">The outlet, if known.</param>
/// <param name="SourceUrl">Where it was published, if known.</param>
/// <param name="Paragraphs">The lead, the title and the body paragraphs, with their spans.</param>
/// <param name="Statements">Its attributed statements, in text order.</param>
/// <param name="Claims">The claims curated from it.</param>
/// <param name="Text">The article text exactly as published; every span indexes it in code points.</param>
/// <param name="ContentSha256">SHA-256 of <c>Text</c> in UTF-8, to check a copy.</param>
/// <param name="SeedFile">The seed file it was imported from (null once it is curated through the API).</param>
/// <param name="Revision">Its revision, the first part of the ETag; send the ETag (or \"3\") back in If-Match to change the article.</param>
public sealed record ArticleDetail(
    string Id,
    string Title,
    string Lead,
    DateOnly PublishedOn,
    DatePrecision PublishedOnPrecision,
    string Language,
    EntityRef? Publisher,
    string? SourceUrl,
    string? SeedFile,
    string ContentSha256,
    string Text,
    IReadOnlyList<ParagraphResponse> Paragraphs,
    IReadOnlyList<StatementResponse> Statements,
    IReadOnlyList<ClaimSummary> Claims,
    int Revision) : Http.IRevisioned;

/// <summary>A block of the article.</summary>
/// <param name="Index">0 is the lead, 1 the title, 2 onwards the body paragraphs.</param>
/// <param name="Role">lead, title or body.</param>
/// <param name="Span">Where it is in the article text (code points).</param>
/// <param name="Text">Its text; equals the article text sliced at <c>Span</c>.</param>
/// <param name="Artifact">Page furniture scraped with it (e.g. "Share"), present in the text after the span.</param>
public sealed record ParagraphResponse(int Index, ParagraphRole Role, Span Span, string Text, string? Artifact);

/// <summary>Paging for the article list.</summary>
public sealed record ArticleListQuery : PageQuery
{
    [FromQuery(Name = "q"), Description("Only articles matching these words (full-text, entity-aware, as in GET /v1/search); the list keeps its order. For ranking by relevance use GET /v1/search.")]
    public string? Q { get; init; }


    internal const string Sort = "-publishedOn";
}

internal sealed class ArticleListQueryValidator : AbstractValidator<ArticleListQuery>
{
    public ArticleListQueryValidator()
    {
        RuleFor(q => q.Q).MustBeSearchText(required: false);
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => ArticleListQuery.Sort, _ => QueryValues.IsDate);
    }
}
