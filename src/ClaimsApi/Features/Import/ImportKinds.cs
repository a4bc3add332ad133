using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Statements;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Import;

/// <summary>The ids a batch's lines refer to, by the fact its checks will read about them (<see cref="ImportLookup.PreloadAsync"/>).</summary>
internal sealed class ImportReferences
{
    public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);
    public HashSet<string> PartOf { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ArticleDates { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ArticleTexts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Statements { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Claims { get; } = new(StringComparer.Ordinal);
    public HashSet<string> StatementCounts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ClaimCounts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ReviewCounts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Citations { get; } = new(StringComparer.Ordinal);
    public HashSet<string> LinkCounts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Parents { get; } = new(StringComparer.Ordinal);
}

internal static class IdSets
{
    /// <summary>Adds <paramref name="id"/> when there is one (an optional reference).</summary>
    public static void AddId(this HashSet<string> set, string? id)
    {
        if (id is not null)
        {
            set.Add(id);
        }
    }
}

/// <summary>A line's record once its body is read and validated: its id, what the editor takes, and the review's claim.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Input">What the kind's editor takes: the write body (an article's: the parsed article).</param>
/// <param name="ClaimId">A review's claim.</param>
internal sealed record ImportRecord(string Id, object Input, string? ClaimId);

/// <summary>
/// One type of record an import line can be (its <c>type</c>): the body it is written with (the write API's, with
/// its own validator), and how a new record is created and an existing one replaced — by the write API's editors, so
/// an import checks exactly what a POST or a PUT checks, with the same words.
/// </summary>
internal abstract class ImportKind
{
    /// <summary>Every kind, by the name a line gives in <c>type</c>.</summary>
    public static IReadOnlyDictionary<string, ImportKind> ByType { get; } = new ImportKind[]
    {
        new ArticleKind(), new EntityKind(), new StatementKind(), new ClaimKind(), new ReviewKind(),
    }.ToDictionary(k => k.Resource.Name, StringComparer.Ordinal);

    public abstract ICuratedResource Resource { get; }

    /// <summary>The write body a line of this type holds.</summary>
    public abstract Type Body { get; }

    /// <summary>Whether a line of this type needs a <c>claimId</c> (reviews: the claim reviewed).</summary>
    public virtual bool HasClaim => false;

    /// <summary>Validates a line's body as the write API does and reads its id; the fields at fault otherwise.</summary>
    public abstract (ImportRecord? Record, IDictionary<string, string[]>? Errors) Prepare(object body, string? claimId, IServiceProvider services);

    /// <summary>The records among <paramref name="ids"/> that exist, deleted ones included, tracked as a write loads them.</summary>
    public abstract Task<List<ICurated>> ExistingAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct);

    /// <summary>Adds to <paramref name="refs"/> what the record's checks will read.</summary>
    public abstract void Refer(ImportRecord record, ImportReferences refs);

    /// <summary>The new record, its content applied and checked as a POST does; or the problem.</summary>
    public abstract Task<(ICurated? Record, ProblemHttpResult? Problem)> CreateAsync(ImportRecord record, IWriteLookup lookup, CancellationToken ct);

    /// <summary>Replaces an existing record's content as a PUT does; the problem when it cannot be.</summary>
    public abstract Task<ProblemHttpResult?> ReplaceAsync(ICurated existing, ImportRecord record, ChangeSet changes, CancellationToken ct);
}

/// <summary>An <see cref="ImportKind"/> of write body <typeparamref name="TWrite"/>, its id read by <paramref name="id"/>.</summary>
internal abstract class ImportKind<TWrite, T, TView>(CuratedResource<T, TView> resource, Func<TWrite, string?> id) : ImportKind
    where TWrite : class
    where T : class, ICurated
    where TView : class, IRevisioned
{
    public override ICuratedResource Resource => resource;

    public override Type Body => typeof(TWrite);

    public override (ImportRecord? Record, IDictionary<string, string[]>? Errors) Prepare(object body, string? claimId, IServiceProvider services)
    {
        // The validators' rules are all synchronous: validated without the asynchronous machinery, a line at a time.
        var write = (TWrite)body;
        var validation = services.GetRequiredService<IValidator<TWrite>>().Validate(write);
        return validation.IsValid ? Prepare(write, claimId) : (null, validation.ToDictionary());
    }

    public override async Task<List<ICurated>> ExistingAsync(IReadOnlyCollection<string> ids, ClaimsDbContext db, CancellationToken ct) =>
        [.. await Query(db).IgnoreQueryFilters().WhereIn(r => r.Id, ids).ToListAsync(ct)];

    /// <summary>The records as a write loads them (<see cref="CuratedResource{T, TView}.Query"/>).</summary>
    protected virtual IQueryable<T> Query(ClaimsDbContext db) => resource.Query(db);

    /// <summary>The id and the editor's input of a valid body; the fields at fault otherwise. An import needs the id: a re-run must find the record again.</summary>
    protected virtual (ImportRecord? Record, IDictionary<string, string[]>? Errors) Prepare(TWrite body, string? claimId) =>
        id(body) is { } given
            ? (new ImportRecord(given, body, claimId), null)
            : (null, new Dictionary<string, string[]> { ["id"] = [$"'id' is required in an import: {resource.WithIndefiniteArticle} is found again by it when the file is imported again."] });

    public override async Task<(ICurated? Record, ProblemHttpResult? Problem)> CreateAsync(ImportRecord record, IWriteLookup lookup, CancellationToken ct)
    {
        var created = New(record);
        return await ApplyNewAsync(created, record, lookup, ct) is { } problem ? (null, problem) : (created, null);
    }

    public override Task<ProblemHttpResult?> ReplaceAsync(ICurated existing, ImportRecord record, ChangeSet changes, CancellationToken ct) =>
        ReplaceAsync((T)existing, record, changes, ct);

    protected abstract T New(ImportRecord record);

    protected abstract Task<ProblemHttpResult?> ApplyNewAsync(T created, ImportRecord record, IWriteLookup lookup, CancellationToken ct);

    protected abstract Task<ProblemHttpResult?> ReplaceAsync(T existing, ImportRecord record, ChangeSet changes, CancellationToken ct);
}

internal sealed class ArticleKind() : ImportKind<ArticleWrite, Article, ArticleDetail>(ArticleCommands.Resource, a => a.Id)
{
    // An article's id may be left out, as in a POST: the default is made from its text, so a re-run finds it again.
    protected override (ImportRecord? Record, IDictionary<string, string[]>? Errors) Prepare(ArticleWrite body, string? claimId)
    {
        var (input, problem) = ArticleBody.Parse(body);
        return input is null
            ? (null, ImportProblems.Fields(problem!))
            : (new ImportRecord(input.Id ?? ArticleBuilder.DefaultId(input.Parsed.Text), input, null), null);
    }

    public override void Refer(ImportRecord record, ImportReferences refs) => refs.Entities.AddId(((ArticleInput)record.Input).Publisher);

    protected override Article New(ImportRecord record) => ArticleEditor.New(record.Id, (ArticleInput)record.Input);

    protected override Task<ProblemHttpResult?> ApplyNewAsync(Article created, ImportRecord record, IWriteLookup lookup, CancellationToken ct) =>
        ArticleEditor.PublisherProblemAsync(created.PublisherId, lookup, ct);

    protected override Task<ProblemHttpResult?> ReplaceAsync(Article existing, ImportRecord record, ChangeSet changes, CancellationToken ct) =>
        ArticleEditor.ReplaceAsync(existing, (ArticleInput)record.Input, changes, ct);
}

internal sealed class EntityKind() : ImportKind<EntityWrite, NamedEntity, EntityResponse>(EntityCommands.Resource, e => e.Id)
{
    public override void Refer(ImportRecord record, ImportReferences refs)
    {
        var body = (EntityWrite)record.Input;
        refs.Entities.AddId(body.PartOf);
        refs.PartOf.AddId(body.PartOf);
    }

    protected override NamedEntity New(ImportRecord record) => EntityEditor.Build(record.Id, (EntityWrite)record.Input);

    protected override Task<ProblemHttpResult?> ApplyNewAsync(NamedEntity created, ImportRecord record, IWriteLookup lookup, CancellationToken ct) =>
        EntityEditor.PartOfProblemAsync(created.Id, created.PartOfId, lookup, ct);

    protected override Task<ProblemHttpResult?> ReplaceAsync(NamedEntity existing, ImportRecord record, ChangeSet changes, CancellationToken ct) =>
        EntityEditor.ReplaceAsync(existing, (EntityWrite)record.Input, changes.Lookup, ct);
}

internal sealed class StatementKind() : ImportKind<StatementWrite, Statement, StatementResponse>(StatementCommands.Resource, s => s.Id)
{
    public override void Refer(ImportRecord record, ImportReferences refs)
    {
        var body = (StatementWrite)record.Input;
        refs.Entities.AddId(body.Speaker);
        refs.Entities.AddId(body.Source);
        refs.ArticleTexts.AddId(body.Article);
        refs.StatementCounts.AddId(body.Article);
        if (body.Parent is not null)
        {
            refs.Statements.AddId(body.Parent);
            refs.Parents.AddId(body.Article);
        }
    }

    protected override Statement New(ImportRecord record) => StatementEditor.New(record.Id);

    protected override Task<ProblemHttpResult?> ApplyNewAsync(Statement created, ImportRecord record, IWriteLookup lookup, CancellationToken ct) =>
        StatementEditor.ApplyAsync(created, (StatementWrite)record.Input, lookup, ct);

    protected override Task<ProblemHttpResult?> ReplaceAsync(Statement existing, ImportRecord record, ChangeSet changes, CancellationToken ct) =>
        StatementEditor.ReplaceAsync(existing, (StatementWrite)record.Input, changes, ct);
}

internal sealed class ClaimKind() : ImportKind<ClaimWrite, ClaimedFact, ClaimDetail>(ClaimCommands.Resource, c => c.Id)
{
    public override void Refer(ImportRecord record, ImportReferences refs)
    {
        var body = (ClaimWrite)record.Input;
        refs.Entities.AddId(body.Claimant);
        foreach (var entity in (body.Mentions ?? []).Concat((body.Qualifiers ?? []).Select(q => q.Entity)))
        {
            refs.Entities.AddId(entity);
        }

        refs.ArticleDates.AddId(body.Article);
        refs.ClaimCounts.AddId(body.Article);
        foreach (var evidence in body.Evidence ?? [])
        {
            refs.Statements.AddId(evidence.Statement);
            refs.Citations.AddId(evidence.Statement);
        }

        foreach (var link in body.Links ?? [])
        {
            refs.Claims.AddId(link.Claim);
            refs.LinkCounts.AddId(link.Claim);
        }
    }

    protected override ClaimedFact New(ImportRecord record) => ClaimEditor.New(record.Id);

    protected override Task<ProblemHttpResult?> ApplyNewAsync(ClaimedFact created, ImportRecord record, IWriteLookup lookup, CancellationToken ct) =>
        ClaimEditor.ApplyAsync(created, (ClaimWrite)record.Input, lookup, ct);

    protected override Task<ProblemHttpResult?> ReplaceAsync(ClaimedFact existing, ImportRecord record, ChangeSet changes, CancellationToken ct) =>
        ClaimEditor.ReplaceAsync(existing, (ClaimWrite)record.Input, changes.Lookup, ct);
}

internal sealed class ReviewKind() : ImportKind<ReviewWrite, ClaimReview, ReviewResponse>(ReviewCommands.Resource, r => r.Id)
{
    public override bool HasClaim => true;

    // Every review with the id, whether its claim is visible or not (the resource's query keeps those whose claim is).
    protected override IQueryable<ClaimReview> Query(ClaimsDbContext db) => db.Reviews;

    public override void Refer(ImportRecord record, ImportReferences refs)
    {
        refs.Claims.AddId(record.ClaimId);
        refs.ReviewCounts.AddId(record.ClaimId);
    }

    protected override ClaimReview New(ImportRecord record) => ReviewCommands.New(record.ClaimId!, (ReviewWrite)record.Input);

    protected override async Task<ProblemHttpResult?> ApplyNewAsync(ClaimReview created, ImportRecord record, IWriteLookup lookup, CancellationToken ct) =>
        await ReviewCommands.ApplyNewAsync(created, (ReviewWrite)record.Input, lookup, ct) is { } problem
            ? Problems.Unprocessable("claimId", problem.ProblemDetails.Detail!) // the claim of a POST is in its path (404); here it is a field
            : null;

    protected override Task<ProblemHttpResult?> ReplaceAsync(ClaimReview existing, ImportRecord record, ChangeSet changes, CancellationToken ct)
    {
        if (existing.ClaimId != record.ClaimId)
        {
            return Task.FromResult<ProblemHttpResult?>(Problems.Unprocessable(
                "claimId", $"Review '{existing.Id}' is a review of claim '{existing.ClaimId}', and stays one; to review claim '{record.ClaimId}', give another id."));
        }

        ReviewCommands.Apply(existing, (ReviewWrite)record.Input);
        return Task.FromResult<ProblemHttpResult?>(null);
    }
}
