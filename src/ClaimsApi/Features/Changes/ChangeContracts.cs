using System.ComponentModel;
using System.Globalization;
using ClaimsApi.Curation;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Changes;

/// <summary>One committed change to a record, in the order of the change log.</summary>
/// <param name="Position">Its position in the change log: strictly increasing in commit order, with gaps. Pass the page's <c>next</c> as <c>after</c> to read on.</param>
/// <param name="Type">The kind of record: article, entity, statement, claim or review.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Revision">The revision the change made (the first part of the record's ETag).</param>
/// <param name="Change">What happened: created, updated, submitted (to review), published, retracted, drafted (back to draft), deleted, restored or merged (an entity merged into another). A record that becomes visible to you appears as its publication; one that stops being visible, as its retraction or deletion.</param>
/// <param name="At">When the change was committed.</param>
/// <param name="Href">Where the record is read now (404 once it is deleted or no longer visible to you).</param>
public sealed record ChangeResponse(long Position, string Type, string Id, int Revision, string Change, DateTimeOffset At, string Href);

/// <summary>A page of the change feed.</summary>
/// <param name="Items">The changes after the position asked for, oldest first.</param>
/// <param name="Next">The position to ask for next (<c>after</c>): store it, and no change is ever missed or read twice. It moves on even when the page is empty (past changes you may not see).</param>
/// <param name="Head">The newest position in the change log when the page was read: when <c>next</c> equals it, you are up to date.</param>
public sealed record ChangePage(IReadOnlyList<ChangeResponse> Items, long Next, long Head);

/// <summary>Where to read the change feed from, what to read and how long to wait for a change.</summary>
public sealed record ChangeQuery
{
    internal const int DefaultLimit = 100;
    internal const int MaxLimit = 1000;
    internal const int MaxWait = 30;

    /// <summary>The record types a reader can ask for.</summary>
    internal static readonly string[] Kinds = [CuratedRecords.Article, CuratedRecords.Entity, CuratedRecords.Statement, CuratedRecords.Claim, CuratedRecords.Review];

    [FromQuery(Name = "after"), Description("Only changes after this position: 0 (the default) for all of them, or the 'next' of the previous page.")]
    [ParameterSchema(Type = "integer", Format = "int64", Default = "0")]
    public string? After { get; init; }

    [FromQuery(Name = "types"), Description("Only changes to these kinds of record, comma-separated: article, entity, statement, claim, review (default: all).")]
    public string? Types { get; init; }

    [FromQuery(Name = "limit"), Description("At most this many changes, 1 to 1000 (default 100).")]
    [ParameterSchema(Type = "integer", Default = "100")]
    public string? Limit { get; init; }

    [FromQuery(Name = "wait"), Description("When there is no change yet, wait up to this many seconds (0 to 30, default 0) for one before answering: long polling.")]
    [ParameterSchema(Type = "integer", Default = "0")]
    public string? Wait { get; init; }

    internal long AfterOrDefault => After is null ? 0 : long.Parse(After, NumberStyles.None, CultureInfo.InvariantCulture);

    internal int LimitOrDefault => Limit is null ? DefaultLimit : int.Parse(Limit, NumberStyles.None, CultureInfo.InvariantCulture);

    internal TimeSpan WaitOrDefault => TimeSpan.FromSeconds(Wait is null ? 0 : int.Parse(Wait, NumberStyles.None, CultureInfo.InvariantCulture));

    internal string[]? TypeList => Types?.Split(',', StringSplitOptions.TrimEntries);
}

internal sealed class ChangeQueryValidator : AbstractValidator<ChangeQuery>
{
    public ChangeQueryValidator()
    {
        RuleFor(q => q.After).MustBeWholeNumberFrom(0)
            .WithMessage("'after' must be a position: a whole number from 0 (the start) that fits in 64 bits, the 'next' of a page of this feed.");
        RuleFor(q => q.Types).Must(v => v is null || v.Split(',', StringSplitOptions.TrimEntries).All(t => ChangeQuery.Kinds.Contains(t, StringComparer.Ordinal)))
            .WithMessage($"'types' must be a comma-separated list of: {string.Join(", ", ChangeQuery.Kinds)}.");
        RuleFor(q => q.Limit).MustBeWholeNumber(1, ChangeQuery.MaxLimit)
            .WithMessage($"'limit' must be a whole number from 1 to {ChangeQuery.MaxLimit} (default {ChangeQuery.DefaultLimit}).");
        RuleFor(q => q.Wait).MustBeWholeNumber(0, ChangeQuery.MaxWait)
            .WithMessage($"'wait' must be a whole number of seconds from 0 to {ChangeQuery.MaxWait} (default 0).");
    }
}
