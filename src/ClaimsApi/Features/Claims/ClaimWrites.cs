using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Claims;

/// <summary>A claim as a curator writes it (POST creates, PUT replaces). Evidence is anchored by quoting, as in the seeds.</summary>
/// <param name="Id">The new claim's id (create only; made from the text when left out). In a PUT it must be absent or the claim's id.</param>
/// <param name="Text">The claim as one normalised sentence.</param>
/// <param name="Claimant">Who claims it (entity id).</param>
/// <param name="Kind">What sort of assertion it is.</param>
/// <param name="ClaimedOn">When it was claimed; the article's date when left out.</param>
/// <param name="Status">Its verification status (default unverified).</param>
/// <param name="Article">The article it is curated from (id).</param>
/// <param name="Subject">Who or what the claim is about.</param>
/// <param name="Predicate">What is asserted of the subject.</param>
/// <param name="Object">The object of the assertion.</param>
/// <param name="Qualifiers">Qualifiers such as legal basis, time or place.</param>
/// <param name="Evidence">The statements that carry the claim (at least one), each optionally narrowed by quoting the part that does.</param>
/// <param name="Mentions">The entities the claim mentions (ids).</param>
/// <param name="Links">Typed links to other claims.</param>
public sealed record ClaimWrite(
    string? Id,
    string? Text,
    string? Claimant,
    ClaimKind? Kind,
    DateOnly? ClaimedOn,
    VerificationStatus? Status,
    string? Article,
    string? Subject,
    string? Predicate,
#pragma warning disable CA1720 // subject/predicate/object is the vocabulary of the field
    string? Object,
#pragma warning restore CA1720
    IReadOnlyList<QualifierWrite>? Qualifiers,
    IReadOnlyList<EvidenceWrite>? Evidence,
    IReadOnlyList<string>? Mentions,
    IReadOnlyList<LinkWrite>? Links);

/// <summary>A qualifier of a claim.</summary>
/// <param name="Name">What it qualifies (e.g. legal-basis).</param>
/// <param name="Value">Its value as text.</param>
/// <param name="Entity">The entity the value denotes (id), if any.</param>
public sealed record QualifierWrite(string? Name, string? Value, string? Entity);

/// <summary>A statement that carries the claim; <c>exact</c> (with optional <c>prefix</c>/<c>suffix</c>) narrows it to the part that does.</summary>
/// <param name="Statement">The statement (id).</param>
/// <param name="Exact">The words of the statement that carry the claim, exactly; the whole statement when left out.</param>
/// <param name="Prefix">Text just before <c>exact</c>, when it occurs more than once.</param>
/// <param name="Suffix">Text just after <c>exact</c>, when it occurs more than once.</param>
public sealed record EvidenceWrite(string? Statement, string? Exact, string? Prefix, string? Suffix);

/// <summary>A typed link from this claim to another.</summary>
/// <param name="Kind">How the claims relate.</param>
/// <param name="Claim">The other claim (id).</param>
public sealed record LinkWrite(ClaimLinkKind? Kind, string? Claim);

/// <summary>A move in the workflow.</summary>
/// <param name="To">The stage to move to: in-review (from draft), draft (from in-review or retracted), published (from in-review) or retracted (from published).</param>
/// <param name="Reason">Why: required to retract, and only then.</param>
public sealed record WorkflowMove(WorkflowState? To, string? Reason);

internal sealed class ClaimWriteValidator : AbstractValidator<ClaimWrite>
{
    public const int MaxEvidence = 20;
    public const int MaxMentions = 50;
    public const int MaxQualifiers = 20;
    public const int MaxLinks = 50;

    public ClaimWriteValidator()
    {
        RuleFor(c => c.Id).MustBeId().When(c => c.Id is not null).OverridePropertyName("id");
        RuleFor(c => c.Text).MustBeText(Limits.ClaimText).OverridePropertyName("text");
        RuleFor(c => c.Claimant).MustBeId().OverridePropertyName("claimant");
        RuleFor(c => c.Kind).NotNull().WithMessage("'kind' is required.").OverridePropertyName("kind");
        RuleFor(c => c.Article).MustBeId().OverridePropertyName("article");
        RuleFor(c => c.Subject).MustBeText(Limits.ClaimPart).When(c => c.Subject is not null).OverridePropertyName("subject");
        RuleFor(c => c.Predicate).MustBeText(Limits.ClaimPart).When(c => c.Predicate is not null).OverridePropertyName("predicate");
        RuleFor(c => c.Object).MustBeText(Limits.ClaimPart).When(c => c.Object is not null).OverridePropertyName("object");
        RuleFor(c => c.Evidence).Must(e => e is { Count: > 0 and <= MaxEvidence })
            .WithMessage($"'evidence' must list 1 to {MaxEvidence} statements that carry the claim.").OverridePropertyName("evidence");
        RuleForEach(c => c.Evidence).NotNull().WithMessage("'evidence' lists statements: an item cannot be null.").OverridePropertyName("evidence");
        RuleForEach(c => c.Evidence).ChildRules(e =>
        {
            e.RuleFor(x => x.Statement).MustBeId().OverridePropertyName("statement");
            e.RuleFor(x => x.Exact).MustBeText(Limits.ClaimText).When(x => x.Exact is not null).OverridePropertyName("exact");
            e.RuleFor(x => x.Prefix).MustBeText(Limits.ClaimPart).When(x => x.Prefix is not null).OverridePropertyName("prefix");
            e.RuleFor(x => x.Suffix).MustBeText(Limits.ClaimPart).When(x => x.Suffix is not null).OverridePropertyName("suffix");
            e.RuleFor(x => x).Must(x => x.Exact is not null || (x.Prefix is null && x.Suffix is null))
                .WithMessage("'prefix' and 'suffix' only make sense with 'exact'.").OverridePropertyName("exact");
        }).OverridePropertyName("evidence");
        RuleFor(c => c.Mentions).Must(m => m is null || m.Count <= MaxMentions)
            .WithMessage($"'mentions' may list at most {MaxMentions} entities.").OverridePropertyName("mentions");
        RuleFor(c => c.Mentions).Must(m => m is null || m.Distinct(StringComparer.Ordinal).Count() == m.Count)
            .WithMessage("'mentions' lists an entity twice.").OverridePropertyName("mentions");
        RuleForEach(c => c.Mentions).MustBeId().OverridePropertyName("mentions");
        RuleFor(c => c.Qualifiers).Must(q => q is null || q.Count <= MaxQualifiers)
            .WithMessage($"'qualifiers' may list at most {MaxQualifiers}.").OverridePropertyName("qualifiers");
        RuleForEach(c => c.Qualifiers).NotNull().WithMessage("'qualifiers' lists qualifiers: an item cannot be null.").OverridePropertyName("qualifiers");
        RuleForEach(c => c.Qualifiers).ChildRules(q =>
        {
            q.RuleFor(x => x.Name).MustBeText(Limits.QualifierName).OverridePropertyName("name");
            q.RuleFor(x => x.Value).MustBeText(Limits.QualifierValue).OverridePropertyName("value");
            q.RuleFor(x => x.Entity).MustBeId().When(x => x.Entity is not null).OverridePropertyName("entity");
        }).OverridePropertyName("qualifiers");
        RuleFor(c => c.Links).Must(l => l is null || l.Count <= MaxLinks)
            .WithMessage($"'links' may list at most {MaxLinks}.").OverridePropertyName("links");
        RuleFor(c => c.Links).Must(l => l is null || l.Any(x => x is null) || l.Select(x => (x.Kind, x.Claim)).Distinct().Count() == l.Count)
            .WithMessage("'links' lists the same link twice.").OverridePropertyName("links");
        RuleForEach(c => c.Links).NotNull().WithMessage("'links' lists links: an item cannot be null.").OverridePropertyName("links");
        RuleForEach(c => c.Links).ChildRules(l =>
        {
            l.RuleFor(x => x.Kind).NotNull().WithMessage("'kind' is required.").OverridePropertyName("kind");
            l.RuleFor(x => x.Claim).MustBeId().OverridePropertyName("claim");
        }).OverridePropertyName("links");
    }
}

internal sealed class WorkflowMoveValidator : AbstractValidator<WorkflowMove>
{
    public WorkflowMoveValidator()
    {
        RuleFor(m => m.To).NotNull().WithMessage($"'to' is required: one of {string.Join(", ", EnumNames.All<WorkflowState>())}.").OverridePropertyName("to");
        RuleFor(m => m.Reason).MustBeText(Limits.Reason).When(m => m.To == WorkflowState.Retracted)
            .OverridePropertyName("reason");
        // A reason is kept only with a retraction; accepting one elsewhere would drop it without a word.
        RuleFor(m => m.Reason).Null().When(m => m.To is not null and not WorkflowState.Retracted)
            .WithMessage("'reason' is only for a retraction (to: retracted); leave it out for other moves.").OverridePropertyName("reason");
    }
}

/// <summary>Creating, replacing, moving through the workflow, deleting and restoring claims.</summary>
public static class ClaimWrites
{
    internal static readonly CuratedResource<ClaimedFact> Resource = new()
    {
        Name = "claim",
        Path = "/v1/claims",
        Representation = typeof(ClaimDetail),
        IndexKind = "claim",
        Query = db => db.Claims.Include(c => c.Evidence).Include(c => c.Mentions).Include(c => c.Qualifiers).Include(c => c.Links).AsSplitQuery(),
        Render = async (id, db, ct) => await ClaimEndpoints.LoadAsync(id, db, ct),
        RefuseDelete = async (claim, db, ct) =>
            await db.Reviews.AnyAsync(r => r.ClaimId == claim.Id, ct)
                ? $"Claim '{claim.Id}' has reviews; delete them first."
                : null,
        RefuseRestore = async (claim, db, ct) => await ClaimReferences.MissingAsync(claim, db, ct),
    };

    public static RouteGroupBuilder MapClaimWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync)
            .WithName("CreateClaim")
            .WithSummary("Create a claim")
            .WithDescription("Creates a claim as a draft. Evidence is anchored by quoting the statement (the server computes the span); 422 when a quote is not in the statement or is ambiguous, or a reference is unknown.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<ClaimWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<ClaimWrite>()
            .Produces<ClaimDetail>(StatusCodes.Status201Created)
            .ProducesWriteProblems();

        group.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceClaim")
            .WithSummary("Replace a claim")
            .WithDescription("Replaces the claim's content (not its workflow stage) with the body. Needs If-Match with the current ETag: 428 without it, 412 when someone changed the claim since.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<ClaimWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<ClaimWrite>()
            .WithIfMatch()
            .Produces<ClaimDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();

        group.MapPost("/{id}/workflow", MoveAsync)
            .WithName("MoveClaim")
            .WithSummary("Move a claim through the workflow")
            .WithDescription("draft → in-review → published, published → retracted (with a reason); in-review and retracted claims can go back to draft. Publishing needs every evidence statement published. Needs If-Match.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<WorkflowMove>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<WorkflowMove>()
            .WithIfMatch()
            .Produces<ClaimDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesAuthProblems();

        group.MapCurationCommons(Resource, "Claim");
        return group;
    }

    internal static async Task<IResult> CreateAsync(ClaimWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var id = body.Id ?? Slugs.From(body.Text!);
        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            if (await db.Claims.IgnoreQueryFilters().AnyAsync(c => c.Id == id, ct))
            {
                return CurationProblems.Conflict($"A claim with id '{id}' exists (perhaps deleted: an admin can restore it).");
            }

            var claim = new ClaimedFact
            {
                Id = id, Text = "", ClaimantId = "", Kind = ClaimKind.Factual, ClaimedOn = default, Status = VerificationStatus.Unverified,
                ArticleId = "", Workflow = WorkflowState.Draft,
            };
            if (await ApplyAsync(claim, body, db, ct) is { } invalid)
            {
                return invalid;
            }

            db.Claims.Add(claim);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, claim.Revision, "create", null, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: true);
    }

    internal static async Task<IResult> ReplaceAsync(string id, ClaimWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (Resource.RefuseOtherId(body.Id, id) is { } otherId)
        {
            return otherId;
        }

        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var (claim, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (claim is null)
            {
                return failed;
            }

            var before = await Resource.Render(id, db, ct);
            if (await ApplyAsync(claim, body, db, ct) is { } invalid)
            {
                return invalid;
            }

            if (claim.Workflow == WorkflowState.Published && await ClaimReferences.UnpublishedEvidenceAsync(claim, db, ct) is { } unpublished)
            {
                return CurationProblems.Conflict(unpublished);
            }

            writer.Touch(claim);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, claim.Revision, "update", before, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: false);
    }

    internal static async Task<IResult> MoveAsync(string id, WorkflowMove body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var (claim, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (claim is null)
            {
                return failed;
            }

            if (Workflow.Refuse(claim, body.To!.Value) is { } refused)
            {
                return CurationProblems.Conflict($"Claim '{id}' {refused}");
            }

            if (body.To == WorkflowState.Published && await ClaimReferences.UnpublishedEvidenceAsync(claim, db, ct) is { } unpublished)
            {
                return CurationProblems.Conflict(unpublished);
            }

            var before = await Resource.Render(id, db, ct);
            Workflow.Apply(claim, body.To.Value, body.Reason);
            writer.Touch(claim);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, claim.Revision, "transition", before, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: false);
    }

    /// <summary>Sets the claim's content from the body, checking every reference and anchoring the evidence; a 422 naming each field that does not fit.</summary>
    private static async Task<IResult?> ApplyAsync(ClaimedFact claim, ClaimWrite body, ClaimsDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entityIds = new[] { body.Claimant }.Concat(body.Mentions ?? []).Concat((body.Qualifiers ?? []).Select(q => q.Entity)).OfType<string>().Distinct().ToList();
        var knownEntities = await db.Entities.Where(e => entityIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        void RequireEntity(string field, string? entityId)
        {
            if (entityId is not null && !knownEntities.Contains(entityId))
            {
                errors.Add(field, $"There is no entity '{entityId}'.");
            }
        }

        RequireEntity("claimant", body.Claimant);
        for (var i = 0; i < (body.Mentions?.Count ?? 0); i++)
        {
            RequireEntity($"mentions[{i}]", body.Mentions![i]);
        }

        for (var i = 0; i < (body.Qualifiers?.Count ?? 0); i++)
        {
            RequireEntity($"qualifiers[{i}].entity", body.Qualifiers![i].Entity);
        }

        var article = await db.Articles.Where(a => a.Id == body.Article).Select(a => new { a.Id, a.PublishedOn }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            errors.Add("article", $"There is no article '{body.Article}'.");
        }

        // Evidence is anchored in its statement's article, with the seed loader's code.
        var statementIds = body.Evidence!.Select(e => e.Statement!).Distinct().ToList();
        await db.LockRowsAsync("statements", statementIds, exclusive: false, ct); // none is deleted meanwhile
        var statements = await db.Statements.Where(s => statementIds.Contains(s.Id)).Select(s => new { s.Id, s.ArticleId, s.Start, s.End }).ToDictionaryAsync(s => s.Id, ct);
        var articleIds = statements.Values.Select(s => s.ArticleId).Distinct().ToList();
        var texts = await db.Articles.Where(a => articleIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Text, ct);
        var evidence = new List<ClaimEvidence>();
        for (var i = 0; i < body.Evidence!.Count; i++)
        {
            var item = body.Evidence[i];
            if (!statements.TryGetValue(item.Statement!, out var statement))
            {
                errors.Add($"evidence[{i}].statement", $"There is no statement '{item.Statement}'.");
                continue;
            }

            var span = Anchoring.InStatement(texts[statement.ArticleId], statement.Id, statement.Start, statement.End, item.Exact, item.Prefix, item.Suffix, out var anchorProblem);
            if (span is null)
            {
                errors.Add($"evidence[{i}].exact", anchorProblem!);
                continue;
            }

            evidence.Add(new ClaimEvidence { ClaimId = claim.Id, Ordinal = i, StatementId = statement.Id, Start = span.Start, End = span.End, Text = span.Text });
        }

        var targets = (body.Links ?? []).Select(l => l.Claim!).Distinct().ToList();
        var knownTargets = await db.Claims.Where(c => targets.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        for (var i = 0; i < (body.Links?.Count ?? 0); i++)
        {
            var target = body.Links![i].Claim!;
            if (target == claim.Id)
            {
                errors.Add($"links[{i}].claim", "A claim cannot link to itself.");
            }
            else if (!knownTargets.Contains(target))
            {
                errors.Add($"links[{i}].claim", $"There is no claim '{target}'.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        claim.Text = body.Text!;
        claim.ClaimantId = body.Claimant!;
        claim.Kind = body.Kind!.Value;
        claim.ClaimedOn = body.ClaimedOn ?? article!.PublishedOn;
        claim.Status = body.Status ?? VerificationStatus.Unverified;
        claim.ArticleId = article!.Id;
        claim.Subject = body.Subject;
        claim.Predicate = body.Predicate;
        claim.Object = body.Object;
        Replace(claim.Evidence, evidence, e => e.Ordinal);
        Replace(claim.Mentions, [.. (body.Mentions ?? []).Select(m => new ClaimMention { ClaimId = claim.Id, EntityId = m })], m => m.EntityId);
        Replace(claim.Qualifiers, [.. (body.Qualifiers ?? []).Select((q, i) => new ClaimQualifier { ClaimId = claim.Id, Ordinal = i, Name = q.Name!, Value = q.Value!, EntityId = q.Entity })], q => q.Ordinal);
        Replace(claim.Links, [.. (body.Links ?? []).Select(l => new ClaimLink { FromClaimId = claim.Id, ToClaimId = l.Claim!, Kind = l.Kind!.Value })], l => (l.ToClaimId, l.Kind));
        return null;
    }

    /// <summary>Makes <paramref name="existing"/> equal to <paramref name="desired"/>, keeping the rows whose key stays (so EF updates rather than deletes and re-inserts them).</summary>
    internal static void Replace<T, TKey>(List<T> existing, List<T> desired, Func<T, TKey> key) where TKey : notnull
    {
        var wanted = desired.ToDictionary(key);
        existing.RemoveAll(e => !wanted.ContainsKey(key(e)));
        foreach (var item in desired)
        {
            var index = existing.FindIndex(e => EqualityComparer<TKey>.Default.Equals(key(e), key(item)));
            if (index < 0)
            {
                existing.Add(item);
            }
            else
            {
                CopyValues(existing[index], item);
            }
        }
    }

    private static void CopyValues<T>(T target, T source)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(target, property.GetValue(source));
        }
    }
}

/// <summary>Checks of what a claim refers to, for publishing and restoring.</summary>
internal static class ClaimReferences
{
    /// <summary>Why the claim cannot be published (an evidence statement is not published), or null.</summary>
    public static async Task<string?> UnpublishedEvidenceAsync(ClaimedFact claim, ClaimsDbContext db, CancellationToken ct)
    {
        var ids = claim.Evidence.Select(e => e.StatementId).Distinct().ToList();
        await db.LockRowsAsync("statements", ids, exclusive: false, ct); // no statement leaves published meanwhile
        var unpublished = await db.Statements.Where(s => ids.Contains(s.Id) && s.Workflow != WorkflowState.Published).Select(s => s.Id).OrderBy(s => s).ToListAsync(ct);
        return unpublished.Count == 0 ? null
            : $"Claim '{claim.Id}' cannot be published while its evidence statements are not: {string.Join(", ", unpublished)}. Publish them first.";
    }

    /// <summary>What a deleted claim refers to that is gone now (or no longer published, for a published claim), or null; moves evidence whose statement was edited meanwhile.</summary>
    public static async Task<string?> MissingAsync(ClaimedFact claim, ClaimsDbContext db, CancellationToken ct)
    {
        var entityIds = claim.Mentions.Select(m => m.EntityId).Concat(claim.Qualifiers.Select(q => q.EntityId)).Append(claim.ClaimantId).OfType<string>().Distinct().ToList();
        var missingEntities = entityIds.Except(await db.Entities.Where(e => entityIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToList();
        var statementIds = claim.Evidence.Select(e => e.StatementId).Distinct().ToList();
        var missingStatements = statementIds.Except(await db.Statements.Where(s => statementIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToList();
        var articleMissing = !await db.Articles.AnyAsync(a => a.Id == claim.ArticleId, ct);
        var missing = missingEntities.Select(e => $"entity '{e}'").Concat(missingStatements.Select(s => $"statement '{s}'")).ToList();
        if (articleMissing)
        {
            missing.Add($"article '{claim.ArticleId}'");
        }

        if (missing.Count > 0)
        {
            return $"Claim '{claim.Id}' refers to records that are deleted now: {string.Join(", ", missing)}; restore them first.";
        }

        // A published claim comes back published: its evidence must be too, as when it was published.
        if (claim.Workflow == WorkflowState.Published)
        {
            var unpublished = await db.Statements.Where(s => statementIds.Contains(s.Id) && s.Workflow != WorkflowState.Published)
                .Select(s => s.Id).OrderBy(s => s).ToListAsync(ct);
            if (unpublished.Count > 0)
            {
                return $"Claim '{claim.Id}' is published, and its evidence statements no longer are: {string.Join(", ", unpublished)}. Publish them first.";
            }
        }

        return await FindEvidenceAgainAsync(claim, db, ct);
    }

    /// <summary>
    /// Evidence of a claim that was deleted while its statement or article was edited may no longer stand at its
    /// span: find each such quote again inside its statement (by its exact text, once), or say which cannot be.
    /// </summary>
    private static async Task<string?> FindEvidenceAgainAsync(ClaimedFact claim, ClaimsDbContext db, CancellationToken ct)
    {
        var statementIds = claim.Evidence.Select(e => e.StatementId).Distinct().ToList();
        var statements = await db.Statements.Where(s => statementIds.Contains(s.Id)).Select(s => new { s.Id, s.ArticleId, s.Start, s.End }).ToDictionaryAsync(s => s.Id, ct);
        var articleIds = statements.Values.Select(s => s.ArticleId).Distinct().ToList();
        var texts = await db.Articles.Where(a => articleIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Text, ct);
        var lost = new List<string>();
        foreach (var evidence in claim.Evidence)
        {
            var statement = statements[evidence.StatementId];
            var text = texts[statement.ArticleId];
            if (evidence.Start >= statement.Start && evidence.End <= statement.End && CodePoints.Slice(text, evidence.Start, evidence.End) == evidence.Text)
            {
                continue;
            }

            var span = Anchoring.InStatement(text, statement.Id, statement.Start, statement.End, evidence.Text, null, null, out var problem);
            if (span is null)
            {
                lost.Add($"evidence {evidence.Ordinal} ({problem})");
                continue;
            }

            (evidence.Start, evidence.End) = (span.Start, span.End);
        }

        return lost.Count == 0 ? null
            : $"Claim '{claim.Id}' cannot be restored: its statements changed while it was deleted and {string.Join("; ", lost)}. Its last revision is in its history.";
    }
}
