using System.ComponentModel;
using ClaimsApi.Domain;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Claims;

/// <summary>A claim as it appears in lists.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Text">The claim as one normalised sentence.</param>
/// <param name="Claimant">Who claims it.</param>
/// <param name="Kind">What sort of assertion it is.</param>
/// <param name="ClaimedOn">When it was claimed (YYYY-MM-DD).</param>
/// <param name="Status">Where it stands in review; unverified until reviewed.</param>
/// <param name="ArticleId">The article it was curated from.</param>
/// <param name="Workflow">Where it stands in the desk's workflow (only curators see other than published).</param>
public sealed record ClaimSummary(
    string Id,
    string Text,
    EntityRef Claimant,
    ClaimKind Kind,
    DateOnly ClaimedOn,
    VerificationStatus Status,
    string ArticleId,
    WorkflowState Workflow);

/// <summary>A claim with its evidence, the entities it mentions, its links to other claims and its reviews.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Text">The claim as one normalised sentence.</param>
/// <param name="Claimant">Who claims it.</param>
/// <param name="Kind">What sort of assertion it is.</param>
/// <param name="ClaimedOn">When it was claimed (YYYY-MM-DD).</param>
/// <param name="Status">Where it stands in review; unverified until reviewed.</param>
/// <param name="ArticleId">The article it was curated from.</param>
/// <param name="Subject">Who or what the claim is about, if analysed.</param>
/// <param name="Predicate">What is asserted of the subject, if analysed.</param>
/// <param name="Object">The object of the assertion, if analysed.</param>
/// <param name="Qualifiers">Qualifiers such as legal basis, time or place.</param>
/// <param name="Evidence">The statements that carry the claim, each with the exact part that does.</param>
/// <param name="Mentions">The entities the claim mentions.</param>
/// <param name="Links">Links to related claims, in both directions.</param>
/// <param name="Reviews">Fact-checkers' reviews of the claim, newest first (by reviewedOn, then id), each as GET /v1/reviews/{id} answers it; at most 100.</param>
/// <param name="Workflow">Where the claim stands in the desk's workflow; anonymous readers see only published claims.</param>
/// <param name="RetractionReason">Why it was retracted, if it was.</param>
/// <param name="Provenance">Present only on a record the attribution extractor proposed: by what, how sure, and whether a person has confirmed it.</param>
/// <param name="Revision">Its revision, the first part of the ETag; send the ETag (or \"3\") back in If-Match to change the claim.</param>
public sealed record ClaimDetail(
    string Id,
    string Text,
    EntityRef Claimant,
    ClaimKind Kind,
    DateOnly ClaimedOn,
    VerificationStatus Status,
    string ArticleId,
    string? Subject,
    string? Predicate,
#pragma warning disable CA1720 // subject/predicate/object is the vocabulary of the field
    string? Object,
#pragma warning restore CA1720
    IReadOnlyList<QualifierResponse> Qualifiers,
    IReadOnlyList<EvidenceResponse> Evidence,
    IReadOnlyList<EntityRef> Mentions,
    IReadOnlyList<ClaimLinkResponse> Links,
    IReadOnlyList<ReviewResponse> Reviews,
    WorkflowState Workflow,
    string? RetractionReason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Provenance? Provenance,
    int Revision) : Http.IRevisioned;

/// <summary>A named qualifier of a claim (legal basis, time, place …).</summary>
/// <param name="Name">What it qualifies (e.g. legal-basis).</param>
/// <param name="Value">Its value as text.</param>
/// <param name="Entity">The entity the value denotes, if any.</param>
public sealed record QualifierResponse(string Name, string Value, EntityRef? Entity);

/// <summary>The part of a statement that carries the claim.</summary>
/// <param name="StatementId">The statement.</param>
/// <param name="Speaker">Who made the statement.</param>
/// <param name="StatementKind">How the statement is attributed.</param>
/// <param name="Text">The quoted text that carries the claim, exactly as in the article.</param>
/// <param name="Span">Where <c>Text</c> is in the article text (code points).</param>
/// <param name="StatementSpan">Where <c>Text</c> is inside the statement's text (code points).</param>
/// <param name="StatementText">The whole statement.</param>
public sealed record EvidenceResponse(
    string StatementId,
    EntityRef Speaker,
    StatementKind StatementKind,
    string Text,
    Span Span,
    Span StatementSpan,
    string StatementText);

/// <summary>A typed link between this claim and another.</summary>
/// <param name="Kind">How the claims relate.</param>
/// <param name="Direction">outgoing: this claim → the other ("this supports that"); incoming: the other → this claim.</param>
/// <param name="ClaimId">The other claim.</param>
/// <param name="ClaimText">The other claim's text.</param>
public sealed record ClaimLinkResponse(ClaimLinkKind Kind, LinkDirection Direction, string ClaimId, string ClaimText);

/// <summary>Which way a link points, seen from the claim being read.</summary>
public enum LinkDirection
{
    Outgoing,
    Incoming,
}

/// <summary>Filters, sort and paging for claim lists.</summary>
public sealed record ClaimListQuery : ClaimFilter
{
    internal static readonly string[] Sorts = ["-claimedOn", "claimedOn", "id"];

    [FromQuery(Name = "q"), Description("Only claims matching these words (full-text, entity-aware, as in GET /v1/search); the list keeps its order. For ranking by relevance use GET /v1/search.")]
    public string? Q { get; init; }

    [FromQuery(Name = "sort"), Description("Order: -claimedOn (newest first, the default), claimedOn (oldest first) or id. Ties are broken by id.")]
    [ParameterSchema(Values = ["-claimedOn", "claimedOn", "id"], Default = "-claimedOn")]
    public string? Sort { get; init; }

    internal string SortOrDefault => Sort ?? Sorts[0];
}

internal sealed class ClaimListQueryValidator : AbstractValidator<ClaimListQuery>
{
    public ClaimListQueryValidator()
    {
        RuleFor(q => q.Q).MustBeSearchText(required: false);
        Include(new ClaimFilterValidator());
        // Search does not have this rule: there 'from' after 'to' has always found nothing rather than been a 400.
        RuleFor(q => q)
            .Must(q => QueryValues.Date(q.From) <= QueryValues.Date(q.To))
            .When(q => QueryValues.IsDate(q.From) && QueryValues.IsDate(q.To))
            .WithMessage("'from' must not be after 'to'.").OverridePropertyName("from");
        RuleFor(q => q.Sort).Must(s => s is null || ClaimListQuery.Sorts.Contains(s, StringComparer.Ordinal))
            .WithMessage($"'sort' must be one of: {string.Join(", ", ClaimListQuery.Sorts)}.");
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(q => q.SortOrDefault, q => q.SortOrDefault == "id" ? null : QueryValues.IsDate);
    }
}
