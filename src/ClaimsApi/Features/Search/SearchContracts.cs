using System.ComponentModel;
using ClaimsApi.Features.Claims;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Search;

/// <summary>What was searched for and the result page.</summary>
/// <param name="Query">How the query was understood.</param>
/// <param name="Items">The matches, best first.</param>
/// <param name="Facets">Counts over all matching claims, when asked for with <c>facets=true</c>.</param>
/// <param name="Limit">The page size that was applied.</param>
/// <param name="NextCursor">The cursor of the next page, or null on the last page.</param>
/// <param name="Next">The URL of the next page, or null on the last page.</param>
public sealed record SearchResponse(
    SearchQueryInfo Query,
    IReadOnlyList<SearchResult> Items,
    SearchFacets? Facets,
    int Limit,
    string? NextCursor,
    string? Next);

/// <summary>How the query was understood.</summary>
/// <param name="Q">The query as given.</param>
/// <param name="Terms">The words searched for (entity names expanded to all their aliases).</param>
/// <param name="Entities">The entities recognised in the query, with the alias that named them.</param>
public sealed record SearchQueryInfo(string Q, IReadOnlyList<string> Terms, IReadOnlyList<MatchedEntity> Entities);

/// <summary>One match: a claim, a statement or an article.</summary>
/// <param name="Type">claim, statement or article.</param>
/// <param name="Id">Its id (GET /v1/{type}s/{id}).</param>
/// <param name="Score">Relevance, higher is better; the number of the query's groups matched plus BM25 squashed into [0, 1); comparable within one result list only.</param>
/// <param name="Title">The claim's sentence, the statement's text or the article's title.</param>
/// <param name="Snippet">An excerpt with the matched words.</param>
/// <param name="ArticleId">The article it belongs to.</param>
/// <param name="MatchedEntities">The query's entities this result mentions or names.</param>
public sealed record SearchResult(
    string Type,
    string Id,
    double Score,
    string Title,
    Snippet Snippet,
    string ArticleId,
    IReadOnlyList<string> MatchedEntities);

/// <summary>Counts of the matching claims by claimant, mentioned entity, kind, status and year.</summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetCount> Claimant,
    IReadOnlyList<FacetCount> Entity,
    IReadOnlyList<FacetCount> Kind,
    IReadOnlyList<FacetCount> Status,
    IReadOnlyList<FacetCount> Year);

/// <summary>One facet value and how many matching claims have it.</summary>
/// <param name="Value">The value (an id, a kind, a status or a year).</param>
/// <param name="Label">A readable label (the entity's name), when the value is an id.</param>
/// <param name="Count">How many matching claims have it.</param>
public sealed record FacetCount(string Value, string? Label, int Count);

/// <summary>A search: words, the claim filter (which also narrows statements and articles by their article), facets and paging.</summary>
public sealed record SearchQuery : ClaimFilter
{
    internal const string Sort = "relevance";
    internal static readonly string[] Types = ["claim", "statement", "article"];

    [FromQuery(Name = "q"), Description("Words, a name or a sentence. Entity names and aliases are expanded (\"North Korea\" also finds \"the DPRK\"); case and diacritics do not matter; no operator syntax.")]
    [ParameterSchema(Example = "North Korean troops Kursk")]
    public string? Q { get; init; }

    [FromQuery(Name = "type"), Description("Only results of this type.")]
    [ParameterSchema(Values = ["claim", "statement", "article"])]
    public string? Type { get; init; }

    [FromQuery(Name = "facets"), Description("true to add facet counts over all matching claims.")]
    [ParameterSchema(Values = ["true", "false"], Default = "false")]
    public string? Facets { get; init; }

    /// <summary>Filters that only claims have: with any of them, only claims are returned.</summary>
    internal bool ClaimsOnly => HasClaimOnly || Type == "claim";
}

internal sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    private const string ClaimOnlyFilters = "'claimant', 'entity', 'kind' and 'status' filter claims; they cannot be combined with another 'type'.";
    private const string ClaimOnlyFiltersWithWorkflow = "'claimant', 'entity', 'kind', 'status' and 'workflow' filter claims; they cannot be combined with another 'type'.";

    public SearchQueryValidator()
    {
        RuleFor(q => q.Q).MustBeSearchText(required: true);
        RuleFor(q => q.Type).Must(t => t is null || SearchQuery.Types.Contains(t, StringComparer.Ordinal))
            .WithMessage("'type' must be one of: claim, statement, article.");
        Include(new ClaimFilterValidator());
        RuleFor(q => q.Facets).MustBeTrueOrFalse("facets");
        RuleFor(q => q.Type).Must(t => t is null or "claim")
            .When(q => q.HasClaimOnly)
            .WithMessage(q => q.Workflow is null ? ClaimOnlyFilters : ClaimOnlyFiltersWithWorkflow);
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => SearchQuery.Sort, _ => SearchCursor.IsValidKey);
    }
}
