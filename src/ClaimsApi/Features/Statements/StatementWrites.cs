using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;
using ClaimsApi.Features.Claims;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Statements;

/// <summary>A statement as a curator writes it (POST creates, PUT replaces). It is anchored by quoting the article, as in the seeds.</summary>
/// <param name="Id">The new statement's id (create only; made from the quote when left out). In a PUT it must be absent or the statement's id.</param>
/// <param name="Article">The article it is in (id). A statement never moves to another article.</param>
/// <param name="Speaker">Who said it (entity id).</param>
/// <param name="Kind">How it is attributed.</param>
/// <param name="Cue">The reporting phrase as written ("It is noted that"), if any.</param>
/// <param name="Exact">The statement's words exactly as in the article; the server computes the span.</param>
/// <param name="Prefix">Text just before <c>exact</c> in the article, when it occurs more than once.</param>
/// <param name="Suffix">Text just after <c>exact</c> in the article, when it occurs more than once.</param>
/// <param name="Parent">The statement that reports this one (nested attribution; same article, and this one lies inside it), if any.</param>
/// <param name="Source">The document the words come from (entity id), if known.</param>
public sealed record StatementWrite(
    string? Id,
    string? Article,
    string? Speaker,
    StatementKind? Kind,
    string? Cue,
    string? Exact,
    string? Prefix,
    string? Suffix,
    string? Parent,
    string? Source);

internal sealed class StatementWriteValidator : AbstractValidator<StatementWrite>
{
    /// <summary>The longest quote: far above a whole paragraph, well inside the JSON body limit.</summary>
    public const int MaxExact = 20_000;

    public StatementWriteValidator()
    {
        RuleFor(s => s.Id).MustBeId().When(s => s.Id is not null).OverridePropertyName("id");
        RuleFor(s => s.Article).MustBeId().OverridePropertyName("article");
        RuleFor(s => s.Speaker).MustBeId().OverridePropertyName("speaker");
        RuleFor(s => s.Kind).NotNull().WithMessage($"'kind' is required: one of {string.Join(", ", EnumNames.All<StatementKind>())}.").OverridePropertyName("kind");
        RuleFor(s => s.Cue).MustBeText(Limits.Cue).When(s => s.Cue is not null).OverridePropertyName("cue");
        RuleFor(s => s.Exact).MustBeText(MaxExact).OverridePropertyName("exact");
        RuleFor(s => s.Prefix).MustBeText(Limits.ClaimPart).When(s => s.Prefix is not null).OverridePropertyName("prefix");
        RuleFor(s => s.Suffix).MustBeText(Limits.ClaimPart).When(s => s.Suffix is not null).OverridePropertyName("suffix");
        RuleFor(s => s.Parent).MustBeId().When(s => s.Parent is not null).OverridePropertyName("parent");
        RuleFor(s => s.Source).MustBeId().When(s => s.Source is not null).OverridePropertyName("source");
    }
}

/// <summary>Creating, replacing, moving through the workflow, deleting and restoring statements.</summary>
public static class StatementWrites
{
    internal static readonly CuratedResource<Statement> Resource = new()
    {
        Name = "statement",
        Path = "/v1/statements",
        Representation = typeof(StatementResponse),
        IndexKind = "statement",
        Query = db => db.Statements,
        Render = async (id, db, ct) => await StatementEndpoints.LoadAsync(id, db, ct),
        RefuseDelete = StatementReferences.DependentsAsync,
        RefuseRestore = StatementReferences.MissingAsync,
    };

    public static RouteGroupBuilder MapStatementWrites(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync)
            .WithName("CreateStatement")
            .WithSummary("Create a statement")
            .WithDescription("Creates a statement as a draft, anchored by quoting the article (the server computes the span); 422 when the quote is not in the article or is ambiguous (add a prefix or suffix), or a reference is unknown.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<StatementWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<StatementWrite>()
            .Produces<StatementResponse>(StatusCodes.Status201Created)
            .ProducesWriteProblems();

        group.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceStatement")
            .WithSummary("Replace a statement")
            .WithDescription("Replaces the statement's content (not its article or workflow stage). When its span changes, the evidence of every claim that cites it is found again inside the new span by its text; 409 naming the claims whose evidence is not there exactly once. Needs If-Match.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<StatementWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<StatementWrite>()
            .WithIfMatch()
            .Produces<StatementResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();

        group.MapPost("/{id}/workflow", MoveAsync)
            .WithName("MoveStatement")
            .WithSummary("Move a statement through the workflow")
            .WithDescription("draft → in-review → published, published → retracted (with a reason); in-review and retracted statements can go back to draft. A statement cannot leave published while a published claim cites it. Needs If-Match.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<WorkflowMove>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<WorkflowMove>()
            .WithIfMatch()
            .Produces<StatementResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesAuthProblems();

        group.MapCurationCommons(Resource, "Statement");
        return group;
    }

    internal static async Task<IResult> CreateAsync(StatementWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var id = body.Id ?? Slugs.From(body.Exact!);
        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            if (await db.Statements.IgnoreQueryFilters().AnyAsync(s => s.Id == id, ct))
            {
                return CurationProblems.Conflict($"A statement with id '{id}' exists (perhaps deleted: an admin can restore it).");
            }

            var statement = new Statement
            {
                Id = id, ArticleId = "", SpeakerId = "", Kind = StatementKind.ReportedSpeech, Text = "", Start = 0, End = 0, Workflow = WorkflowState.Draft,
            };
            if (await ApplyAsync(statement, body, db, ct) is { } invalid)
            {
                return invalid;
            }

            db.Statements.Add(statement);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, statement.Revision, "create", null, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: true);
    }

    internal static async Task<IResult> ReplaceAsync(string id, StatementWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (Resource.RefuseOtherId(body.Id, id) is { } otherId)
        {
            return otherId;
        }

        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var (statement, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (statement is null)
            {
                return failed;
            }

            if (body.Article != statement.ArticleId)
            {
                return CurationProblems.Unprocessable("article", $"Statement '{id}' is in article '{statement.ArticleId}' and stays there; to quote another article, create a new statement.");
            }

            var before = await Resource.Render(id, db, ct);
            var (oldStart, oldEnd) = (statement.Start, statement.End);
            if (await ApplyAsync(statement, body, db, ct) is { } invalid)
            {
                return invalid;
            }

            var moved = new List<(ClaimedFact Claim, object? Before)>();
            if (statement.Start != oldStart || statement.End != oldEnd)
            {
                if (await ChildrenOutsideAsync(statement, db, ct) is { } outside)
                {
                    return CurationProblems.Conflict(outside);
                }

                var text = await db.Articles.Where(a => a.Id == statement.ArticleId).Select(a => a.Text).SingleAsync(ct);
                var claims = await StatementReferences.CitingClaimsAsync([id], db, ct);
                var unanchored = new List<string>();
                foreach (var claim in claims)
                {
                    var changed = false;
                    foreach (var evidence in claim.Evidence.Where(e => e.StatementId == id))
                    {
                        var span = Anchoring.Again(text, oldStart, oldEnd, evidence.Start, evidence.End, text, statement.Start, statement.End, "the statement's new span", out var why);
                        if (span is null)
                        {
                            unanchored.Add($"{claim.Id} ({why})");
                            break;
                        }

                        changed |= span.Start != evidence.Start || span.End != evidence.End;
                        (evidence.Start, evidence.End) = (span.Start, span.End);
                    }

                    if (changed)
                    {
                        // Nothing is saved yet, so the claim still reads as it was.
                        moved.Add((claim, await ClaimWrites.Resource.Render(claim.Id, db, ct)));
                    }
                }

                if (unanchored.Count > 0)
                {
                    return CurationProblems.Conflict(
                        $"Statement '{id}' cannot take this span: the evidence of these claims is not inside it exactly once: {string.Join("; ", unanchored)}. Change the claims' evidence first, or quote a span that contains it.");
                }
            }

            writer.Touch(statement);
            foreach (var (claim, _) in moved)
            {
                writer.Touch(claim);
            }

            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, statement.Revision, "update", before, ct);
            foreach (var (claim, claimBefore) in moved)
            {
                await ClaimWrites.Resource.RecordAsync(writer, db, claim.Id, claim.Revision, "update", claimBefore, ct);
            }

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
            var (statement, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (statement is null)
            {
                return failed;
            }

            if (Workflow.Refuse(statement, body.To!.Value) is { } refused)
            {
                return CurationProblems.Conflict($"Statement '{id}' {refused}");
            }

            if (statement.Workflow == WorkflowState.Published)
            {
                // Locked first, so a claim being published on it now either finishes before the check or waits and sees the move.
                await db.LockRowsAsync("statements", [id], exclusive: true, ct);
                var published = await db.Claims.IgnoreQueryFilters()
                    .Where(c => c.DeletedAt == null && c.Workflow == WorkflowState.Published && c.Evidence.Any(e => e.StatementId == id))
                    .Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
                if (published.Count > 0)
                {
                    return CurationProblems.Conflict(
                        $"Statement '{id}' cannot leave published while published claims cite it: {StatementReferences.List(published)}. Retract those claims first.");
                }
            }

            var before = await Resource.Render(id, db, ct);
            Workflow.Apply(statement, body.To.Value, body.Reason);
            writer.Touch(statement);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, statement.Revision, "transition", before, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: false);
    }

    /// <summary>Sets the statement's content from the body, checking every reference and anchoring the quote; a 422 naming each field that does not fit.</summary>
    private static async Task<IResult?> ApplyAsync(Statement statement, StatementWrite body, ClaimsDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var article = await db.Articles.Where(a => a.Id == body.Article).Select(a => new { a.Id, a.Text }).FirstOrDefaultAsync(ct);
        if (article is null)
        {
            errors.Add("article", $"There is no article '{body.Article}'.");
        }

        var entityIds = new[] { body.Speaker, body.Source }.OfType<string>().Distinct().ToList();
        var knownEntities = await db.Entities.Where(e => entityIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        if (!knownEntities.Contains(body.Speaker!))
        {
            errors.Add("speaker", $"There is no entity '{body.Speaker}'.");
        }

        if (body.Source is { } source && !knownEntities.Contains(source))
        {
            errors.Add("source", $"There is no entity '{source}'.");
        }

        // The seed loader's code: the same quote anchors, or fails with the same words, in a seed and here.
        Anchored? span = null;
        if (article is not null)
        {
            span = Anchoring.InArticle(article.Text, body.Exact, body.Prefix, body.Suffix, out var anchorProblem);
            if (span is null)
            {
                errors.Add("exact", anchorProblem!);
            }
        }

        if (body.Parent is { } parentId && await ParentProblemAsync(statement.Id, parentId, article?.Id, span, db, ct) is { } parentProblem)
        {
            errors.Add("parent", parentProblem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        statement.ArticleId = article!.Id;
        statement.SpeakerId = body.Speaker!;
        statement.Kind = body.Kind!.Value;
        statement.Cue = body.Cue;
        statement.Text = span!.Text;
        statement.Start = span.Start;
        statement.End = span.End;
        statement.ParentId = body.Parent;
        statement.SourceId = body.Source;
        return null;
    }

    /// <summary>Why <paramref name="parentId"/> cannot be the parent (as the seed loader checks it), or null.</summary>
    private static async Task<string?> ParentProblemAsync(string id, string parentId, string? articleId, Anchored? span, ClaimsDbContext db, CancellationToken ct)
    {
        var place = articleId is not null && span is not null ? new StatementPlace(articleId, span.Start, span.End) : (StatementPlace?)null;

        // Whether the parent can be named is the query filter's say (a deleted statement cannot). The circle is
        // followed over the article's parent links, deleted statements' too, loaded in one query when it can matter.
        var parentPlace = await db.Statements.Where(s => s.Id == parentId)
            .Select(s => (StatementPlace?)new StatementPlace(s.ArticleId, s.Start, s.End)).FirstOrDefaultAsync(ct);
        var parents = parentPlace is null || place is null ? [] : await db.Statements.IgnoreQueryFilters().Where(s => s.ArticleId == articleId)
            .Select(s => new { s.Id, s.ParentId }).ToDictionaryAsync(s => s.Id, s => s.ParentId, ct);
        var problem = StatementNesting.Check(id, parentId, place, s => s == parentId ? parentPlace : null, s => parents.GetValueOrDefault(s));
        return problem switch
        {
            null => null,
            { Rule: NestingRule.OwnParent } => "A statement cannot be its own parent.",
            { Rule: NestingRule.UnknownParent } => $"There is no statement '{parentId}'.",
            { Rule: NestingRule.OtherArticle, Parent: { } parent } =>
                $"Statement '{parentId}' is in article '{parent.ArticleId}'; a parent must be in the same article.",
            { Rule: NestingRule.Outside, Parent: { } parent } =>
                $"A nested statement must lie inside its parent, but the quote ({span!.Start}–{span.End}) is not inside statement '{parentId}' ({parent.Start}–{parent.End}).",
            _ => $"parent goes round in a circle: {ParentChains.Describe(problem.Cycle)}.",
        };
    }

    /// <summary>Why the statement's new span leaves out live statements nested in it, or null.</summary>
    private static async Task<string?> ChildrenOutsideAsync(Statement statement, ClaimsDbContext db, CancellationToken ct)
    {
        var outside = await db.Statements.IgnoreQueryFilters()
            .Where(s => s.ParentId == statement.Id && s.DeletedAt == null && (s.Start < statement.Start || s.End > statement.End))
            .Select(s => s.Id).OrderBy(s => s).ToListAsync(ct);
        return outside.Count == 0 ? null
            : $"Statement '{statement.Id}' cannot take this span: statements nested in it would lie outside it: {StatementReferences.List(outside)}. Change or delete them first.";
    }
}

/// <summary>What depends on a statement and what it depends on, for its writes, deletion and restoration.</summary>
internal static class StatementReferences
{
    /// <summary>The live claims (any stage) with evidence in any of <paramref name="statementIds"/>, tracked, with their evidence, by id.</summary>
    public static Task<List<ClaimedFact>> CitingClaimsAsync(IReadOnlyCollection<string> statementIds, ClaimsDbContext db, CancellationToken ct) =>
        db.Claims.IgnoreQueryFilters()
            .Include(c => c.Evidence)
            .Where(c => c.DeletedAt == null && c.Evidence.Any(e => statementIds.Contains(e.StatementId)))
            .OrderBy(c => c.Id)
            .ToListAsync(ct);

    /// <summary>Why the statement cannot be deleted (live claims cite it, live statements nest in it), or null.</summary>
    public static async Task<string?> DependentsAsync(Statement statement, ClaimsDbContext db, CancellationToken ct)
    {
        var claims = await db.Claims.IgnoreQueryFilters()
            .Where(c => c.DeletedAt == null && c.Evidence.Any(e => e.StatementId == statement.Id))
            .Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        var children = await db.Statements.IgnoreQueryFilters()
            .Where(s => s.DeletedAt == null && s.ParentId == statement.Id)
            .Select(s => s.Id).OrderBy(s => s).ToListAsync(ct);
        var reasons = new List<string>();
        if (claims.Count > 0)
        {
            reasons.Add($"claims cite it as evidence: {List(claims)}");
        }

        if (children.Count > 0)
        {
            reasons.Add($"statements are nested in it: {List(children)}");
        }

        return reasons.Count == 0 ? null : $"Statement '{statement.Id}' is in use ({string.Join("; ", reasons)}); change or delete them first.";
    }

    /// <summary>What a deleted statement refers to that is gone now, or why its span no longer fits its article, or null.</summary>
    public static async Task<string?> MissingAsync(Statement statement, ClaimsDbContext db, CancellationToken ct)
    {
        var missing = new List<string>();
        var text = await db.Articles.Where(a => a.Id == statement.ArticleId).Select(a => a.Text).FirstOrDefaultAsync(ct);
        if (text is null)
        {
            missing.Add($"article '{statement.ArticleId}'");
        }

        var entityIds = new[] { statement.SpeakerId, statement.SourceId }.OfType<string>().Distinct().ToList();
        var known = await db.Entities.Where(e => entityIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        missing.AddRange(entityIds.Except(known).Select(e => $"entity '{e}'"));
        if (statement.ParentId is { } parent && !await db.Statements.IgnoreQueryFilters().AnyAsync(s => s.Id == parent && s.DeletedAt == null, ct))
        {
            missing.Add($"statement '{parent}'");
        }

        if (missing.Count > 0)
        {
            return $"Statement '{statement.Id}' refers to records that are deleted now: {string.Join(", ", missing)}; restore them first.";
        }

        // The article may have been edited while the statement was deleted (its live statements moved with it; this one did not).
        var fits = statement.End <= CodePoints.Length(text!) && CodePoints.Slice(text!, statement.Start, statement.End) == statement.Text;
        return fits ? null
            : $"Statement '{statement.Id}' no longer matches its article: the article's text changed while the statement was deleted. Create the statement again.";
    }

    /// <summary>Ids for a message: all of a few, or the first ten and how many more.</summary>
    public static string List(IReadOnlyList<string> ids) =>
        ids.Count <= 10 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(10))} and {ids.Count - 10} more";
}
