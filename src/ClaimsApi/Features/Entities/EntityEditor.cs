using ClaimsApi.Http;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Statements;
using ClaimsApi.Persistence;
using ClaimsApi.Domain.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Entities;

/// <summary>What an entity write changes, and why it cannot.</summary>
internal static class EntityEditor
{
    /// <summary>The entity as the body describes it, by the seed format's rules (names folded, aliases checked).</summary>
    public static NamedEntity Build(string id, EntityWrite body) =>
        EntityRules.Build(id, body.Name!, body.Kind!.Value, (body.Aliases ?? []).OfType<string>(), body.Description, body.Wikidata, body.PartOf, seedFile: null);

    /// <summary>Replaces the entity's content with the body's.</summary>
    public static async Task<ProblemHttpResult?> ReplaceAsync(NamedEntity entity, EntityWrite body, IWriteLookup lookup, CancellationToken ct)
    {
        if (await PartOfProblemAsync(entity.Id, body.PartOf, lookup, ct) is { } invalid)
        {
            return invalid;
        }

        var desired = Build(entity.Id, body);
        entity.Name = desired.Name;
        entity.NormalizedName = desired.NormalizedName;
        entity.Kind = desired.Kind;
        entity.Description = desired.Description;
        entity.WikidataId = desired.WikidataId;
        entity.PartOfId = desired.PartOfId;
        ChildRows.Replace(entity.Aliases, desired.Aliases, a => a.Alias);
        return null;
    }

    /// <summary>
    /// Merges <paramref name="merged"/> into entity <paramref name="into"/>: its names become aliases of
    /// <paramref name="into"/>, and every reference to it, deleted records included (so that restoring them later
    /// finds what they refer to), refers to <paramref name="into"/>; every record changed joins the change.
    /// </summary>
    public static async Task<ProblemHttpResult?> MergeAsync(NamedEntity merged, string into, DateTimeOffset now, ChangeSet changes, CancellationToken ct)
    {
        var (db, id) = (changes.Db, merged.Id);
        var target = await EntityCommands.Resource.Query(db).FirstOrDefaultAsync(e => e.Id == into, ct);
        if (target is null)
        {
            return Problems.Unprocessable("into", $"There is no entity '{into}'.");
        }

        if (await PartOfChainAsync(into, id, db, ct) is { } chain)
        {
            return Problems.Conflict($"Entity '{into}' is part of '{id}' ({chain}); merging would make it part of itself. Change its partOf first.");
        }

        var aliases = EntityRules.Absorb(target.Name, [.. target.Aliases.Select(a => a.Alias)], merged.Aliases.Select(a => a.Alias).Prepend(merged.Name));
        if (aliases.Count > EntityWriteValidator.MaxAliases)
        {
            return Problems.Unprocessable("into", $"Entity '{into}' would have {aliases.Count} aliases with those of '{id}'; an entity may have at most {EntityWriteValidator.MaxAliases}.");
        }

        var claims = await ClaimCommands.Resource.Query(db).IgnoreQueryFilters()
            .Where(c => c.ClaimantId == id || c.Mentions.Any(m => m.EntityId == id) || c.Qualifiers.Any(q => q.EntityId == id))
            .ToListAsync(ct);
        var statements = await db.Statements.IgnoreQueryFilters().Where(s => s.SpeakerId == id || s.SourceId == id).ToListAsync(ct);
        var articles = await db.Articles.IgnoreQueryFilters().Where(a => a.PublisherId == id).ToListAsync(ct);
        var parts = await db.Entities.IgnoreQueryFilters().Where(e => e.PartOfId == id).ToListAsync(ct);

        // Before anything changes: the records as the API shows them now (deleted ones it does not show).
        foreach (var claim in claims)
        {
            await changes.ChangingAsync(ClaimCommands.Resource, claim, "merge", ct);
        }

        foreach (var statement in statements)
        {
            await changes.ChangingAsync(StatementCommands.Resource, statement, "merge", ct);
        }

        foreach (var article in articles)
        {
            await changes.ChangingAsync(ArticleCommands.Resource, article, "merge", ct);
        }

        foreach (var part in parts)
        {
            await changes.ChangingAsync(EntityCommands.Resource, part, "merge", ct);
        }

        await changes.ChangingAsync(EntityCommands.Resource, target, "merge", ct);

        foreach (var claim in claims)
        {
            if (claim.ClaimantId == id)
            {
                claim.ClaimantId = into;
            }

            if (claim.Mentions.RemoveAll(m => m.EntityId == id) > 0 && !claim.Mentions.Any(m => m.EntityId == into))
            {
                claim.Mentions.Add(new ClaimMention { ClaimId = claim.Id, EntityId = into });
            }

            foreach (var qualifier in claim.Qualifiers.Where(q => q.EntityId == id))
            {
                qualifier.EntityId = into;
            }
        }

        foreach (var statement in statements)
        {
            statement.SpeakerId = statement.SpeakerId == id ? into : statement.SpeakerId;
            statement.SourceId = statement.SourceId == id ? into : statement.SourceId;
        }

        foreach (var article in articles)
        {
            article.PublisherId = into;
        }

        foreach (var part in parts)
        {
            part.PartOfId = into;
        }

        ChildRows.Replace(target.Aliases, [.. aliases.Select(a => EntityRules.Alias(into, a))], a => a.Alias);
        merged.DeletedAt = now;
        merged.MergedIntoId = into;
        return null;
    }

    /// <summary>The 422 when <paramref name="partOf"/> is not an entity <paramref name="id"/> can be part of, or null.</summary>
    internal static async Task<ProblemHttpResult?> PartOfProblemAsync(string id, string? partOf, IWriteLookup lookup, CancellationToken ct)
    {
        if (partOf is null)
        {
            return null;
        }

        // Whether partOf can be named is the query filter's say (a deleted entity cannot); the circle is followed over
        // the links above it, deleted entities' too, loaded in one query.
        var exists = (await lookup.EntitiesAsync([partOf], ct)).Contains(partOf);
        var parents = await lookup.PartOfLinksAsync(partOf, ct);
        if (PartOfRules.Check(id, partOf, _ => exists, e => parents.GetValueOrDefault(e)) is not { } problem)
        {
            return null;
        }

        return Problems.Unprocessable("partOf", problem.Rule switch
        {
            PartOfRule.Self => "An entity cannot be part of itself.",
            PartOfRule.UnknownParent => $"There is no entity '{partOf}'.",
            _ => $"partOf would go round in a circle: {ParentChains.Describe(problem.Cycle)}.",
        });
    }

    /// <summary>The partOf chain from <paramref name="from"/> up to <paramref name="to"/> ("a → b → c"), or null when it does not get there.</summary>
    internal static async Task<string?> PartOfChainAsync(string from, string to, ClaimsDbContext db, CancellationToken ct)
    {
        var parents = await db.AboveAsync(from, ct);
        return ParentChains.Chain(from, to, e => parents.GetValueOrDefault(e)) is { } chain ? ParentChains.Describe(chain) : null;
    }
}

/// <summary>What refers to an entity, for refusing to delete it.</summary>
internal static class EntityReferences
{
    private const int Named = 5;

    /// <summary>The live records that refer to the entity ("claim 'a' (claimant), …"), whatever their workflow stage, or null when none does.</summary>
    public static async Task<string?> DescribeAsync(string id, ClaimsDbContext db, CancellationToken ct)
    {
        var claims = db.Claims.InEveryStage();
        var groups = new List<(string Noun, string Role, List<string> Ids)>
        {
            ("claim", "claimant", await Ids(claims.Where(c => c.ClaimantId == id).Select(c => c.Id), ct)),
            ("claim", "mention", await Ids(claims.Where(c => c.Mentions.Any(m => m.EntityId == id)).Select(c => c.Id), ct)),
            ("claim", "qualifier", await Ids(claims.Where(c => c.Qualifiers.Any(q => q.EntityId == id)).Select(c => c.Id), ct)),
            ("statement", "speaker", await Ids(db.Statements.InEveryStage().Where(s => s.SpeakerId == id).Select(s => s.Id), ct)),
            ("statement", "source", await Ids(db.Statements.InEveryStage().Where(s => s.SourceId == id).Select(s => s.Id), ct)),
            ("article", "publisher", await Ids(db.Articles.Where(a => a.PublisherId == id).Select(a => a.Id), ct)),
            ("entity", "partOf", await Ids(db.Entities.Where(e => e.PartOfId == id).Select(e => e.Id), ct)),
        };
        var parts = groups.Where(g => g.Ids.Count > 0).Select(g =>
        {
            var names = string.Join(", ", g.Ids.Take(Named).Select(i => $"'{i}'"));
            var more = g.Ids.Count > Named ? " and more" : "";
            return $"{g.Noun}{(g.Ids.Count > 1 ? "s" : "")} {names}{more} (as {g.Role})";
        }).ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static Task<List<string>> Ids(IQueryable<string> ids, CancellationToken ct) => ids.OrderBy(i => i).Take(Named + 1).ToListAsync(ct);
}
