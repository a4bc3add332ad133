using System.ComponentModel;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Claims;

/// <summary>
/// The query parameters that select claims, shared by <c>GET /v1/claims</c>, <c>GET /v1/entities/{id}/claims</c>
/// and <c>GET /v1/search</c> (their query records derive from it, so <c>[AsParameters]</c> binds these too): one
/// set of parameters, one validator (<see cref="ClaimFilterValidator"/>) and one meaning (<see cref="Apply"/>).
/// </summary>
public abstract partial record ClaimFilter : PageQuery
{
    [FromQuery(Name = "claimant"), Description("Only claims made by this entity (id).")]
    public string? Claimant { get; init; }

    [FromQuery(Name = "entity"), Description("Only claims that mention this entity (id).")]
    public string? Entity { get; init; }

    [FromQuery(Name = "article"), Description("Only claims curated from this article (id); on GET /v1/search also only the article and its statements.")]
    public string? Article { get; init; }

    [FromQuery(Name = "kind"), Description("Only claims of this kind.")]
    [ParameterSchema(Enum = typeof(ClaimKind))]
    public string? Kind { get; init; }

    [FromQuery(Name = "status"), Description("Only claims with this verification status.")]
    [ParameterSchema(Enum = typeof(VerificationStatus))]
    public string? Status { get; init; }

    [FromQuery(Name = "workflow"), Description("Only claims at this workflow stage. Anonymous readers and readers see only published claims; curators see every stage. On GET /v1/search it returns only claims, and only published ones are indexed, so another stage finds nothing there. On GET /v1/feeds/claims.atom the stage a claim is at now, as anyone saw it: published, or retracted.")]
    [ParameterSchema(Enum = typeof(WorkflowState))]
    public string? Workflow { get; init; }

    [FromQuery(Name = "language"), Description("Only claims from articles in this language (BCP 47, e.g. en, compared exactly); on GET /v1/search also statements and articles.")]
    [ParameterSchema(Example = "en")]
    public string? Language { get; init; }

    [FromQuery(Name = "from"), Description("Only claims made on or after this date (YYYY-MM-DD); on GET /v1/search statements and articles by the article's date.")]
    [ParameterSchema(Format = "date")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only claims made on or before this date (YYYY-MM-DD); on GET /v1/search statements and articles by the article's date.")]
    [ParameterSchema(Format = "date")]
    public string? To { get; init; }

    /// <summary>Whether any of the filters is given.</summary>
    internal bool HasAny => HasClaimOnly || Article is not null || Language is not null || From is not null || To is not null;

    /// <summary>
    /// Whether a filter that only claims have is given (who made them, what they mention, kind, status, stage);
    /// the others (article, language, dates) also apply to statements and articles, through their article.
    /// </summary>
    internal bool HasClaimOnly => Claimant is not null || Entity is not null || Kind is not null || Status is not null || Workflow is not null;

    /// <summary>The claims of <paramref name="claims"/> that pass the (validated) filters; composable.</summary>
    /// <param name="claims">The claims to filter.</param>
    /// <param name="articles">The articles the reader may see, for <c>language</c>.</param>
    internal IQueryable<ClaimedFact> Apply(IQueryable<ClaimedFact> claims, IQueryable<Article> articles)
    {
        if (Claimant is { } claimant)
        {
            claims = claims.Where(c => c.ClaimantId == claimant);
        }

        if (Entity is { } entity)
        {
            claims = claims.Where(c => c.Mentions.Any(m => m.EntityId == entity));
        }

        if (Article is { } article)
        {
            claims = claims.Where(c => c.ArticleId == article);
        }

        if (QueryValues.Enum<ClaimKind>(Kind) is { } kind)
        {
            claims = claims.Where(c => c.Kind == kind);
        }

        if (QueryValues.Enum<VerificationStatus>(Status) is { } status)
        {
            claims = claims.Where(c => c.Status == status);
        }

        // Which stages a reader may see at all is the query filter's business (curators all, others published).
        if (QueryValues.Enum<WorkflowState>(Workflow) is { } workflow)
        {
            claims = claims.Where(c => c.Workflow == workflow);
        }

        if (Language is { } language)
        {
            claims = claims.Where(c => articles.Any(a => a.Id == c.ArticleId && a.Language == language));
        }

        if (QueryValues.Date(From) is { } from)
        {
            claims = claims.Where(c => c.ClaimedOn >= from);
        }

        if (QueryValues.Date(To) is { } to)
        {
            claims = claims.Where(c => c.ClaimedOn <= to);
        }

        return claims;
    }

    /// <summary>
    /// The articles that pass the filters that statements and articles have (article, language, and the dates
    /// on the article's date): what search applies to its statement and article results.
    /// </summary>
    internal IQueryable<Article> ApplyToArticles(IQueryable<Article> articles)
    {
        if (Article is { } article)
        {
            articles = articles.Where(a => a.Id == article);
        }

        if (Language is { } language)
        {
            articles = articles.Where(a => a.Language == language);
        }

        if (QueryValues.Date(From) is { } from)
        {
            articles = articles.Where(a => a.PublishedOn >= from);
        }

        if (QueryValues.Date(To) is { } to)
        {
            articles = articles.Where(a => a.PublishedOn <= to);
        }

        return articles;
    }

    /// <summary>The rule articles are written with (<see cref="ArticleBuilder.IsLanguageTag"/>), so a filter can name any stored language.</summary>
    internal static bool IsLanguage(string language) => ArticleBuilder.IsLanguageTag(language);
}

/// <summary>The rules of <see cref="ClaimFilter"/>, included by the validators of the queries that derive from it.</summary>
internal sealed class ClaimFilterValidator : AbstractValidator<ClaimFilter>
{
    public ClaimFilterValidator()
    {
        RuleFor(q => q.Claimant).MustBeIdFilter("claimant");
        RuleFor(q => q.Entity).MustBeIdFilter("entity");
        RuleFor(q => q.Article).MustBeIdFilter("article");
        RuleFor(q => q.Kind).MustBeOneOf<ClaimFilter, ClaimKind>("kind");
        RuleFor(q => q.Status).MustBeOneOf<ClaimFilter, VerificationStatus>("status");
        RuleFor(q => q.Workflow).MustBeOneOf<ClaimFilter, WorkflowState>("workflow");
        RuleFor(q => q.Language).MustMatch(ArticleBuilder.LanguageTagPattern, ArticleBuilder.LanguageMaxLength, ClaimFilter.IsLanguage, optional: true)
            .WithMessage("'language' must be a BCP 47 language tag such as 'en'.");
        RuleFor(q => q.From).MustBeDate("from");
        RuleFor(q => q.To).MustBeDate("to");
    }
}
