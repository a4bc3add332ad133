using ClaimsApi.Http;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Persistence;
using ClaimsApi.Domain.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Articles;

/// <summary>What an article write changes, and why it cannot.</summary>
internal static class ArticleEditor
{
    /// <summary>The article as an API write creates it: parsed by the seed loader's parser, so it is stored as the same text from a seed file would be.</summary>
    public static Article New(string id, ArticleInput input) =>
        ArticleBuilder.Build(id, input.Parsed, input.Language, input.Publisher, input.SourceUrl, seedFile: null);

    /// <summary>
    /// Replaces the article's text and metadata. Every live statement is found again in the new text and moves
    /// there, and the evidence of the claims that cite it moves with it: each changes with the article.
    /// </summary>
    public static async Task<ProblemHttpResult?> ReplaceAsync(Article article, ArticleInput input, ChangeSet changes, CancellationToken ct)
    {
        var db = changes.Db;
        if (await PublisherProblemAsync(input.Publisher, changes.Lookup, ct) is { } unknown)
        {
            return unknown;
        }

        // Every live statement is found again in the new text; it moves there, and its claims' evidence with it.
        var oldText = article.Text;
        var newText = input.Parsed.Text;
        var statements = await db.Statements.InEveryStage().Where(s => s.ArticleId == article.Id)
            .OrderBy(s => s.Start).ThenBy(s => s.Id).ToListAsync(ct);
        var (oldLength, newLength) = (CodePoints.Length(oldText), CodePoints.Length(newText));
        var spans = new Dictionary<string, Anchored>(StringComparer.Ordinal);
        var lost = new List<string>();
        foreach (var statement in statements)
        {
            var span = Anchoring.Again(oldText, 0, oldLength, statement.Start, statement.End, newText, 0, newLength, "the new text", out var why);
            if (span is null)
            {
                lost.Add($"{statement.Id} ({why})");
            }
            else
            {
                spans[statement.Id] = span;
            }
        }

        if (lost.Count > 0)
        {
            return Problems.Conflict(
                $"Article '{article.Id}' cannot take this text: these statements are not in it exactly once: {string.Join("; ", lost)}. Change or delete them first, or keep their words in the text.");
        }

        var outside = statements.Where(s => s.ParentId is { } p && spans.TryGetValue(p, out var parent) && (spans[s.Id].Start < parent.Start || spans[s.Id].End > parent.End))
            .Select(s => $"{s.Id} (in {s.ParentId})").ToList();
        if (outside.Count > 0)
        {
            return Problems.Conflict(
                $"Article '{article.Id}' cannot take this text: nested statements would no longer lie inside their parents: {string.Join(", ", outside)}.");
        }

        // Nothing is saved until the pipeline saves, so the records still read as they were when they join the change.
        var moved = statements.Where(s => spans[s.Id].Start != s.Start).ToList();
        var shifts = moved.ToDictionary(s => s.Id, s => spans[s.Id].Start - s.Start, StringComparer.Ordinal);
        var claims = await StatementReferences.CitingClaimsAsync([.. shifts.Keys], db, ct);
        foreach (var statement in moved)
        {
            await changes.ChangingAsync(StatementCommands.Resource, statement, "update", ct);
        }

        foreach (var claim in claims)
        {
            await changes.ChangingAsync(ClaimCommands.Resource, claim, "update", ct);
        }

        ArticleBuilder.SetText(article, input.Parsed);
        article.Language = input.Language;
        article.PublisherId = input.Publisher;
        article.SourceUrl = input.SourceUrl;
        ChildRows.Replace(article.Paragraphs, ArticleBuilder.Paragraphs(article.Id, input.Parsed), p => p.Index);
        foreach (var statement in moved)
        {
            // The statement's words are the same, so everything inside it moves by the same number of code points.
            (statement.Start, statement.End) = (spans[statement.Id].Start, spans[statement.Id].End);
        }

        foreach (var claim in claims)
        {
            foreach (var evidence in claim.Evidence.Where(e => shifts.ContainsKey(e.StatementId)))
            {
                evidence.Start += shifts[evidence.StatementId];
                evidence.End += shifts[evidence.StatementId];
            }
        }

        return null;
    }

    internal static async Task<ProblemHttpResult?> PublisherProblemAsync(string? publisher, IWriteLookup lookup, CancellationToken ct) =>
        publisher is not null && !(await lookup.EntitiesAsync([publisher], ct)).Contains(publisher)
            ? Problems.Unprocessable("publisher", $"There is no entity '{publisher}'.")
            : null;

    /// <summary>Why the article cannot be deleted (live statements or claims belong to it), or null.</summary>
    internal static async Task<string?> DependentsAsync(Article article, ClaimsDbContext db, CancellationToken ct)
    {
        var statements = await db.Statements.InEveryStage().Where(s => s.ArticleId == article.Id)
            .Select(s => s.Id).OrderBy(s => s).ToListAsync(ct);
        var claims = await db.Claims.InEveryStage().Where(c => c.ArticleId == article.Id)
            .Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        var reasons = new List<string>();
        if (statements.Count > 0)
        {
            reasons.Add($"statements: {StatementReferences.List(statements)}");
        }

        if (claims.Count > 0)
        {
            reasons.Add($"claims: {StatementReferences.List(claims)}");
        }

        return reasons.Count == 0 ? null : $"Article '{article.Id}' still has {string.Join("; ", reasons)}; delete them first.";
    }
}
