using ClaimsApi.Http;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Persistence;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Statements;

/// <summary>What a statement write changes, and why it cannot: references checked, the quote anchored with the seed loader's code.</summary>
internal static class StatementEditor
{
    /// <summary>A new statement: a draft, its content still to be applied.</summary>
    public static Statement New(string id) => new()
    {
        Id = id, ArticleId = "", SpeakerId = "", Kind = StatementKind.ReportedSpeech, Text = "", Start = 0, End = 0, Workflow = WorkflowState.Draft,
    };

    /// <summary>
    /// Replaces the statement's content. When its span moves, the evidence of every claim that cites it is found
    /// again inside the new span, and those claims change with it.
    /// </summary>
    public static async Task<ProblemHttpResult?> ReplaceAsync(Statement statement, StatementWrite body, ChangeSet changes, CancellationToken ct)
    {
        var db = changes.Db;
        if (body.Article != statement.ArticleId)
        {
            return Problems.Unprocessable("article", $"Statement '{statement.Id}' is in article '{statement.ArticleId}' and stays there; to quote another article, create a new statement.");
        }

        var (oldStart, oldEnd) = (statement.Start, statement.End);
        if (await ApplyAsync(statement, body, changes.Lookup, ct) is { } invalid)
        {
            return invalid;
        }

        if (statement.Start != oldStart || statement.End != oldEnd)
        {
            if (await ChildrenOutsideAsync(statement, db, ct) is { } outside)
            {
                return Problems.Conflict(outside);
            }

            var text = await db.Articles.Where(a => a.Id == statement.ArticleId).Select(a => a.Text).SingleAsync(ct);
            var claims = await StatementReferences.CitingClaimsAsync([statement.Id], db, ct);
            var unanchored = new List<string>();
            foreach (var claim in claims)
            {
                var changed = false;
                foreach (var evidence in claim.Evidence.Where(e => e.StatementId == statement.Id))
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
                    await changes.ChangingAsync(ClaimCommands.Resource, claim, "update", ct);
                }
            }

            if (unanchored.Count > 0)
            {
                return Problems.Conflict(
                    $"Statement '{statement.Id}' cannot take this span: the evidence of these claims is not inside it exactly once: {string.Join("; ", unanchored)}. Change the claims' evidence first, or quote a span that contains it.");
            }
        }

        return null;
    }

    /// <summary>Why the statement cannot leave published now (published claims cite it), or null.</summary>
    public static async Task<string?> PublishedCitationsAsync(Statement statement, WorkflowState to, ClaimsDbContext db, CancellationToken ct)
    {
        if (statement.Workflow != WorkflowState.Published)
        {
            return null;
        }

        // Locked first, so a claim being published on it now either finishes before the check or waits and sees the move.
        await db.LockRowsAsync("statements", [statement.Id], exclusive: true, ct);
        var published = await db.Claims.InEveryStage()
            .Where(c => c.Workflow == WorkflowState.Published && c.Evidence.Any(e => e.StatementId == statement.Id))
            .Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        return published.Count == 0 ? null
            : $"Statement '{statement.Id}' cannot leave published while published claims cite it: {StatementReferences.List(published)}. Retract those claims first.";
    }

    /// <summary>Sets the statement's content from the body, checking every reference and anchoring the quote; a 422 naming each field that does not fit.</summary>
    internal static async Task<ProblemHttpResult?> ApplyAsync(Statement statement, StatementWrite body, IWriteLookup lookup, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var articleText = (await lookup.ArticleTextsAsync([body.Article!], ct)).GetValueOrDefault(body.Article!);
        if (articleText is null)
        {
            errors.Add("article", $"There is no article '{body.Article}'.");
        }
        else if (statement.ArticleId != body.Article && (await lookup.StatementCountsAsync([body.Article!], ct)).GetValueOrDefault(body.Article!) >= StatementWriteValidator.MaxPerArticle)
        {
            // An article embeds its statements: the bound keeps one article's representation bounded.
            errors.Add("article", $"Article '{body.Article}' already has {StatementWriteValidator.MaxPerArticle} statements, the most one article may have.");
        }

        var knownEntities = await lookup.EntitiesAsync([.. new[] { body.Speaker, body.Source }.OfType<string>().Distinct()], ct);
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
        if (articleText is not null)
        {
            span = Anchoring.InArticle(articleText, body.Exact, body.Prefix, body.Suffix, out var anchorProblem);
            if (span is null)
            {
                errors.Add("exact", anchorProblem!);
            }
        }

        var articleId = articleText is null ? null : body.Article;
        if (body.Parent is { } parentId && await ParentProblemAsync(statement.Id, parentId, articleId, span, lookup, ct) is { } parentProblem)
        {
            errors.Add("parent", parentProblem);
        }

        if (errors.ToProblem() is { } invalid)
        {
            return invalid;
        }

        statement.ArticleId = body.Article!;
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
    private static async Task<string?> ParentProblemAsync(string id, string parentId, string? articleId, Anchored? span, IWriteLookup lookup, CancellationToken ct)
    {
        var place = articleId is not null && span is not null ? new StatementPlace(articleId, span.Start, span.End) : (StatementPlace?)null;

        // Whether the parent can be named is the query filter's say (a deleted statement cannot). The circle is
        // followed over the article's parent links, deleted statements' too, loaded in one query when it can matter.
        var parentPlace = (await lookup.StatementsAsync([parentId], ct)).TryGetValue(parentId, out var parent)
            ? new StatementPlace(parent.ArticleId, parent.Start, parent.End) : (StatementPlace?)null;
        var parents = parentPlace is null || place is null ? new Dictionary<string, string?>() : await lookup.StatementParentsAsync([articleId!], ct);
        var problem = StatementNesting.Check(id, parentId, place, s => s == parentId ? parentPlace : null, s => parents.GetValueOrDefault(s));
        return problem switch
        {
            null => null,
            { Rule: NestingRule.OwnParent } => "A statement cannot be its own parent.",
            { Rule: NestingRule.UnknownParent } => $"There is no statement '{parentId}'.",
            { Rule: NestingRule.OtherArticle, Parent: { } other } =>
                $"Statement '{parentId}' is in article '{other.ArticleId}'; a parent must be in the same article.",
            { Rule: NestingRule.Outside, Parent: { } other } =>
                $"A nested statement must lie inside its parent, but the quote ({span!.Start}–{span.End}) is not inside statement '{parentId}' ({other.Start}–{other.End}).",
            _ => $"parent goes round in a circle: {ParentChains.Describe(problem.Cycle)}.",
        };
    }

    /// <summary>Why the statement's new span leaves out live statements nested in it, or null.</summary>
    private static async Task<string?> ChildrenOutsideAsync(Statement statement, ClaimsDbContext db, CancellationToken ct)
    {
        var outside = await db.Statements.InEveryStage()
            .Where(s => s.ParentId == statement.Id && (s.Start < statement.Start || s.End > statement.End))
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
        db.Claims.InEveryStage()
            .Include(c => c.Evidence)
            .Where(c => c.Evidence.Any(e => statementIds.Contains(e.StatementId)))
            .OrderBy(c => c.Id)
            .ToListAsync(ct);

    /// <summary>Why the statement cannot be deleted (live claims cite it, live statements nest in it), or null.</summary>
    public static async Task<string?> DependentsAsync(Statement statement, ClaimsDbContext db, CancellationToken ct)
    {
        var claims = await db.Claims.InEveryStage()
            .Where(c => c.Evidence.Any(e => e.StatementId == statement.Id))
            .Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        var children = await db.Statements.InEveryStage()
            .Where(s => s.ParentId == statement.Id)
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
        if (statement.ParentId is { } parent && !await db.Statements.InEveryStage().AnyAsync(s => s.Id == parent, ct))
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
