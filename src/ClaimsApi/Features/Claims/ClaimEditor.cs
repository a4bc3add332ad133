using ClaimsApi.Http;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Domain.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Claims;

/// <summary>What a claim write changes, and why it cannot: references checked, evidence anchored with the seed loader's code.</summary>
internal static class ClaimEditor
{
    /// <summary>A new claim: a draft, its content still to be applied.</summary>
    public static ClaimedFact New(string id) => new()
    {
        Id = id, Text = "", ClaimantId = "", Kind = ClaimKind.Factual, ClaimedOn = default, Status = VerificationStatus.Unverified,
        ArticleId = "", Workflow = WorkflowState.Draft,
    };

    /// <summary>Replaces the claim's content; a published claim keeps needing published evidence.</summary>
    public static async Task<ProblemHttpResult?> ReplaceAsync(ClaimedFact claim, ClaimWrite body, IWriteLookup lookup, CancellationToken ct)
    {
        if (await ApplyAsync(claim, body, lookup, ct) is { } invalid)
        {
            return invalid;
        }

        return claim.Workflow == WorkflowState.Published && await ClaimReferences.UnpublishedEvidenceAsync(claim, lookup, ct) is { } unpublished
            ? Problems.Conflict(unpublished)
            : null;
    }

    /// <summary>Sets the claim's content from the body, checking every reference and anchoring the evidence; a 422 naming each field that does not fit.</summary>
    internal static async Task<ProblemHttpResult?> ApplyAsync(ClaimedFact claim, ClaimWrite body, IWriteLookup lookup, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var entityIds = new[] { body.Claimant }.Concat(body.Mentions ?? []).Concat((body.Qualifiers ?? []).Select(q => q.Entity)).OfType<string>().Distinct().ToList();
        var knownEntities = await lookup.EntitiesAsync(entityIds, ct);
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

        var publishedOn = (await lookup.ArticleDatesAsync([body.Article!], ct)).TryGetValue(body.Article!, out var date) ? date : (DateOnly?)null;
        if (publishedOn is null)
        {
            errors.Add("article", $"There is no article '{body.Article}'.");
        }
        else if (claim.ArticleId != body.Article && (await lookup.ClaimCountsAsync([body.Article!], ct)).GetValueOrDefault(body.Article!) >= ClaimWriteValidator.MaxPerArticle)
        {
            // An article embeds its claims: the bound keeps one article's representation bounded.
            errors.Add("article", $"Article '{body.Article}' already has {ClaimWriteValidator.MaxPerArticle} claims, the most one article may have.");
        }

        // Evidence is anchored in its statement's article, with the seed loader's code.
        var statementIds = body.Evidence!.Select(e => e.Statement!).Distinct().ToList();
        await lookup.LockAsync("statements", statementIds, exclusive: false, ct); // none is deleted meanwhile
        var statements = await lookup.StatementsAsync(statementIds, ct);
        var texts = await lookup.ArticleTextsAsync([.. statements.Values.Select(s => s.ArticleId).Distinct()], ct);
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

        // A statement embeds the claims it is evidence for, and a claim the links to it: both are bounded, checked
        // when a claim starts citing or linking (a claim that already does keeps doing so).
        var newlyCited = statementIds.Where(id => claim.Evidence.All(e => e.StatementId != id)).ToList();
        var citations = await lookup.CitationCountsAsync(newlyCited, ct);
        for (var i = 0; i < body.Evidence.Count; i++)
        {
            if (citations.GetValueOrDefault(body.Evidence[i].Statement!) >= ClaimWriteValidator.MaxClaimsPerStatement)
            {
                errors.Add($"evidence[{i}].statement", $"Statement '{body.Evidence[i].Statement}' is already evidence for {ClaimWriteValidator.MaxClaimsPerStatement} claims, the most one statement may be.");
            }
        }

        var targets = (body.Links ?? []).Select(l => l.Claim!).Distinct().ToList();
        var knownTargets = await lookup.ClaimsAsync(targets, ct);
        var linksTo = await lookup.LinkCountsAsync([.. targets.Where(t => claim.Links.All(l => l.ToClaimId != t))], ct);
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
            else if (linksTo.GetValueOrDefault(target) >= ClaimWriteValidator.MaxLinksToClaim)
            {
                errors.Add($"links[{i}].claim", $"Claim '{target}' already has {ClaimWriteValidator.MaxLinksToClaim} links to it, the most one claim may have.");
            }
        }

        if (errors.ToProblem() is { } invalid)
        {
            return invalid;
        }

        claim.Text = body.Text!;
        claim.ClaimantId = body.Claimant!;
        claim.Kind = body.Kind!.Value;
        claim.ClaimedOn = body.ClaimedOn ?? publishedOn!.Value;
        claim.Status = body.Status ?? VerificationStatus.Unverified;
        claim.ArticleId = body.Article!;
        claim.Subject = body.Subject;
        claim.Predicate = body.Predicate;
        claim.Object = body.Object;
        ChildRows.Replace(claim.Evidence, evidence, e => e.Ordinal);
        ChildRows.Replace(claim.Mentions, [.. (body.Mentions ?? []).Select(m => new ClaimMention { ClaimId = claim.Id, EntityId = m })], m => m.EntityId);
        ChildRows.Replace(claim.Qualifiers, [.. (body.Qualifiers ?? []).Select((q, i) => new ClaimQualifier { ClaimId = claim.Id, Ordinal = i, Name = q.Name!, Value = q.Value!, EntityId = q.Entity })], q => q.Ordinal);
        ChildRows.Replace(claim.Links, [.. (body.Links ?? []).Select(l => new ClaimLink { FromClaimId = claim.Id, ToClaimId = l.Claim!, Kind = l.Kind!.Value })], l => (l.ToClaimId, l.Kind));
        return null;
    }
}

/// <summary>Checks of what a claim refers to, for publishing and restoring.</summary>
internal static class ClaimReferences
{
    /// <summary>Why the claim cannot be published (an evidence statement is not published), or null.</summary>
    public static async Task<string?> UnpublishedEvidenceAsync(ClaimedFact claim, IWriteLookup lookup, CancellationToken ct)
    {
        var ids = claim.Evidence.Select(e => e.StatementId).Distinct().ToList();
        await lookup.LockAsync("statements", ids, exclusive: false, ct); // no statement leaves published meanwhile
        var unpublished = (await lookup.StatementsAsync(ids, ct)).Values.Where(s => s.Workflow != WorkflowState.Published).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
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
