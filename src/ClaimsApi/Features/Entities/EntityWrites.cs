using ClaimsApi.Auth;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Features.Claims;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Entities;

/// <summary>An entity as a curator writes it (POST creates, PUT replaces), with the seed format's rules.</summary>
/// <param name="Id">The new entity's id (create only; made from the name when left out). In a PUT it must be absent or the entity's id.</param>
/// <param name="Name">Its canonical name.</param>
/// <param name="Kind">What the entity is.</param>
/// <param name="Aliases">Other names it goes by; none may repeat the name or another alias (case, accents and spacing do not count).</param>
/// <param name="Description">A short description.</param>
/// <param name="Wikidata">Its Wikidata item id, e.g. Q423.</param>
/// <param name="PartOf">The entity it is part of (id); following partOf must never lead back to it.</param>
public sealed record EntityWrite(
    string? Id,
    string? Name,
    EntityKind? Kind,
    IReadOnlyList<string?>? Aliases,
    string? Description,
    string? Wikidata,
    string? PartOf);

/// <summary>Which entity absorbs the one being merged.</summary>
/// <param name="Into">The entity that stays (id): it takes the merged entity's names as aliases and every reference to it.</param>
public sealed record EntityMerge(string? Into);

internal sealed class EntityWriteValidator : AbstractValidator<EntityWrite>
{
    public const int MaxDescription = Limits.ClaimText;

    public EntityWriteValidator()
    {
        RuleFor(e => e.Id).MustBeId().When(e => e.Id is not null).OverridePropertyName("id");
        RuleFor(e => e.Name).MustBeText(Limits.Name).OverridePropertyName("name");
        RuleFor(e => e.Name).Must(n => EntityRules.NameProblem(n!) is null)
            .When(e => !string.IsNullOrWhiteSpace(e.Name) && e.Name.Length <= Limits.Name)
            .WithMessage($"'name' is longer than {Limits.Name} characters once folded for lookups.").OverridePropertyName("name");
        RuleFor(e => e.Kind).NotNull().WithMessage($"'kind' is required: one of {string.Join(", ", EnumNames.All<EntityKind>())}.").OverridePropertyName("kind");
        RuleForEach(e => e.Aliases).MustBeText(Limits.Name).OverridePropertyName("aliases");
        RuleFor(e => e).Custom((e, context) =>
        {
            foreach (var (index, message) in EntityRules.AliasProblems(e.Name, e.Aliases ?? []))
            {
                context.AddFailure($"aliases[{index}]", $"'aliases[{index}]': {message}.");
            }
        });
        RuleFor(e => e.Description).MustBeText(MaxDescription).When(e => e.Description is not null).OverridePropertyName("description");
        RuleFor(e => e.Wikidata).Must(EntityRules.IsWikidataId).When(e => e.Wikidata is not null)
            .WithMessage("'wikidata' must be a Wikidata item id such as Q423.").OverridePropertyName("wikidata");
        RuleFor(e => e.PartOf).MustBeId().When(e => e.PartOf is not null).OverridePropertyName("partOf");
    }
}

internal sealed class EntityMergeValidator : AbstractValidator<EntityMerge>
{
    public EntityMergeValidator() => RuleFor(m => m.Into).MustBeId().OverridePropertyName("into");
}

/// <summary>Creating, replacing, merging, deleting and restoring entities.</summary>
public static class EntityWrites
{
    internal static readonly CuratedResource<NamedEntity> Resource = new()
    {
        Name = CuratedRecords.Entity,
        Path = "/v1/entities",
        Representation = typeof(EntityResponse),
        Query = db => db.Entities.Include(e => e.Aliases),
        Render = async (id, db, ct) => await EntityEndpoints.LoadAsync(id, db, ct),
        RefuseDelete = async (entity, db, ct) => await EntityReferences.DescribeAsync(entity.Id, db, ct) is { } references
            ? $"Entity '{entity.Id}' is still referred to by {references}. Merge it into the entity that replaces it (POST /v1/entities/{entity.Id}/merge), or change those records first."
            : null,
        RefuseRestore = async (entity, db, ct) =>
            entity.MergedIntoId is { } target ? $"Entity '{entity.Id}' was merged into '{target}'; a merge is not undone by restoring."
            : entity.PartOfId is { } parent && !await db.Entities.AnyAsync(e => e.Id == parent, ct) ? $"Entity '{entity.Id}' is part of '{parent}', which is deleted now; restore it first."
            : null,
    };

    public static RouteGroupBuilder MapEntityWrites(this RouteGroupBuilder group)
    {
        // Searches and claim matching spot entities by their names: they must see a committed change at once.
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
            {
                context.HttpContext.RequestServices.GetRequiredService<Search.EntityAliasIndex>().Invalidate();
            }

            return result;
        });

        group.MapPost("/", CreateAsync)
            .WithName("CreateEntity")
            .WithSummary("Create an entity")
            .WithDescription("Creates an entity with its aliases. 409 when the id is taken (also by a deleted entity); 422 when partOf names no entity.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<EntityWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<EntityWrite>()
            .Produces<EntityResponse>(StatusCodes.Status201Created)
            .ProducesWriteProblems();

        group.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceEntity")
            .WithSummary("Replace an entity")
            .WithDescription("Replaces the entity's name, kind, aliases, description, Wikidata id and partOf. Needs If-Match with the current ETag. 422 when partOf names no entity or would go round in a circle.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<EntityWrite>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<EntityWrite>()
            .WithIfMatch()
            .Produces<EntityResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();

        group.MapPost("/{id}/merge", MergeAsync)
            .WithName("MergeEntity")
            .WithSummary("Merge an entity into another")
            .WithDescription("In one change: the entity's name and aliases become aliases of `into`, every claim, statement, article and entity that refers to it refers to `into` instead, and the entity is deleted; its URL then redirects (301) to `into`. Every record changed gets a new revision and a history entry (action merge). Needs If-Match with the merged entity's ETag. 422 when `into` is unknown or the entity itself; 409 when `into` is part of the entity. Answers with `into`.")
            .RequireAuthorization(Policies.Curator)
            .Accepts<EntityMerge>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(WriteLimits.JsonBodyBytes))
            .Validate<EntityMerge>()
            .WithIfMatch()
            .Produces<EntityResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesWriteProblems();

        group.MapCurationCommons(Resource, "Entity");
        return group;
    }

    internal static async Task<IResult> CreateAsync(EntityWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        var id = body.Id ?? Slugs.From(body.Name!);
        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            if (await db.Entities.IgnoreQueryFilters().AnyAsync(e => e.Id == id, ct))
            {
                return CurationProblems.Conflict($"An entity with id '{id}' exists (perhaps deleted: an admin can restore it).");
            }

            if (await PartOfProblemAsync(id, body.PartOf, db, ct) is { } invalid)
            {
                return invalid;
            }

            var entity = EntityRules.Build(id, body.Name!, body.Kind!.Value, (body.Aliases ?? []).OfType<string>(), body.Description, body.Wikidata, body.PartOf, seedFile: null);
            db.Entities.Add(entity);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, entity.Revision, "create", null, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: true);
    }

    internal static async Task<IResult> ReplaceAsync(string id, EntityWrite body, CurationWriter writer, ClaimsDbContext db, HttpContext http, CancellationToken ct)
    {
        if (Resource.RefuseOtherId(body.Id, id) is { } otherId)
        {
            return otherId;
        }

        IRevisioned? written = null;
        var problem = await writer.RunAsync(async ct =>
        {
            var (entity, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (entity is null)
            {
                return failed;
            }

            if (await PartOfProblemAsync(id, body.PartOf, db, ct) is { } invalid)
            {
                return invalid;
            }

            var before = await Resource.Render(id, db, ct);
            var desired = EntityRules.Build(id, body.Name!, body.Kind!.Value, (body.Aliases ?? []).OfType<string>(), body.Description, body.Wikidata, body.PartOf, seedFile: null);
            entity.Name = desired.Name;
            entity.NormalizedName = desired.NormalizedName;
            entity.Kind = desired.Kind;
            entity.Description = desired.Description;
            entity.WikidataId = desired.WikidataId;
            entity.PartOfId = desired.PartOfId;
            ClaimWrites.Replace(entity.Aliases, desired.Aliases, a => a.Alias);
            writer.Touch(entity);
            await db.SaveChangesAsync(ct);
            written = await Resource.RecordAsync(writer, db, id, entity.Revision, "update", before, ct);
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        return problem ?? CuratedResourceEndpoints.Respond(Resource, id, written, http, created: false);
    }

    internal static async Task<IResult> MergeAsync(string id, EntityMerge body, CurationWriter writer, ClaimsDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var into = body.Into!;
        if (into == id)
        {
            return CurationProblems.Unprocessable("into", "An entity cannot be merged into itself.");
        }

        var problem = await writer.RunAsync(async ct =>
        {
            var (merged, failed) = await Resource.LoadForChangeAsync(id, db, http.Request, ct);
            if (merged is null)
            {
                return failed;
            }

            var target = await Resource.Query(db).FirstOrDefaultAsync(e => e.Id == into, ct);
            if (target is null)
            {
                return CurationProblems.Unprocessable("into", $"There is no entity '{into}'.");
            }

            if (await PartOfChainAsync(into, id, db, ct) is { } chain)
            {
                return CurationProblems.Conflict($"Entity '{into}' is part of '{id}' ({chain}); merging would make it part of itself. Change its partOf first.");
            }

            await new Merge(id, into, writer, db).RunAsync(merged, target, time.GetUtcNow(), ct);
            return null;
        }, ct);
        return problem ?? await CuratedResourceEndpoints.RespondAsync(Resource, into, db, http, created: false, ct);
    }

    /// <summary>
    /// Repoints every reference from one entity to another, deleted records included (so that restoring them
    /// later finds what they refer to), and records each change.
    /// </summary>
    private sealed class Merge(string id, string into, CurationWriter writer, ClaimsDbContext db)
    {
        private readonly List<(string Type, ICurated Record, object? Before)> _changed = [];

        public async Task RunAsync(NamedEntity merged, NamedEntity target, DateTimeOffset now, CancellationToken ct)
        {
            var claims = await ClaimWrites.Resource.Query(db).IgnoreQueryFilters()
                .Where(c => c.ClaimantId == id || c.Mentions.Any(m => m.EntityId == id) || c.Qualifiers.Any(q => q.EntityId == id))
                .ToListAsync(ct);
            var statements = await db.Statements.IgnoreQueryFilters().Where(s => s.SpeakerId == id || s.SourceId == id).ToListAsync(ct);
            var articles = await db.Articles.IgnoreQueryFilters().Where(a => a.PublisherId == id).ToListAsync(ct);
            var parts = await db.Entities.IgnoreQueryFilters().Where(e => e.PartOfId == id).ToListAsync(ct);

            // Before anything changes: the records as the API shows them now (deleted ones it does not show).
            foreach (var claim in claims)
            {
                await ChangingAsync(CuratedRecords.Claim, claim, ct);
            }

            foreach (var statement in statements)
            {
                await ChangingAsync(CuratedRecords.Statement, statement, ct);
            }

            foreach (var article in articles)
            {
                await ChangingAsync(CuratedRecords.Article, article, ct);
            }

            foreach (var part in parts)
            {
                await ChangingAsync(CuratedRecords.Entity, part, ct);
            }

            await ChangingAsync(CuratedRecords.Entity, target, ct);
            await ChangingAsync(CuratedRecords.Entity, merged, ct);

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

            var aliases = EntityRules.Absorb(target.Name, [.. target.Aliases.Select(a => a.Alias)], merged.Aliases.Select(a => a.Alias).Prepend(merged.Name));
            ClaimWrites.Replace(target.Aliases, [.. aliases.Select(a => EntityRules.Alias(into, a))], a => a.Alias);
            merged.DeletedAt = now;
            merged.MergedIntoId = into;

            foreach (var (_, record, _) in _changed)
            {
                writer.Touch(record);
            }

            await db.SaveChangesAsync(ct);
            foreach (var (type, record, before) in _changed)
            {
                if (type is CuratedRecords.Claim or CuratedRecords.Statement or CuratedRecords.Article)
                {
                    await db.RefreshSearchIndexAsync(type, record.Id, ct);
                }

                var after = record.DeletedAt is null ? await CuratedRecords.RenderAsync(type, record.Id, db, ct) : null;
                writer.Record(type, record.Id, record.Revision, "merge", before, after);
            }

            await db.SaveChangesAsync(ct);
        }

        private async Task ChangingAsync(string type, ICurated record, CancellationToken ct) =>
            _changed.Add((type, record, record.DeletedAt is null ? await CuratedRecords.RenderAsync(type, record.Id, db, ct) : null));
    }

    /// <summary>The 422 when <paramref name="partOf"/> is not an entity <paramref name="id"/> can be part of, or null.</summary>
    private static async Task<IResult?> PartOfProblemAsync(string id, string? partOf, ClaimsDbContext db, CancellationToken ct)
    {
        if (partOf is null)
        {
            return null;
        }

        // Whether partOf can be named is the query filter's say (a deleted entity cannot); the circle is followed over
        // the links above it, deleted entities' too, loaded in one query.
        var exists = await db.Entities.AnyAsync(e => e.Id == partOf, ct);
        var parents = await db.AboveAsync(partOf, ct);
        if (PartOfRules.Check(id, partOf, _ => exists, e => parents.GetValueOrDefault(e)) is not { } problem)
        {
            return null;
        }

        return CurationProblems.Unprocessable("partOf", problem.Rule switch
        {
            PartOfRule.Self => "An entity cannot be part of itself.",
            PartOfRule.UnknownParent => $"There is no entity '{partOf}'.",
            _ => $"partOf would go round in a circle: {ParentChains.Describe(problem.Cycle)}.",
        });
    }

    /// <summary>The partOf chain from <paramref name="from"/> up to <paramref name="to"/> ("a → b → c"), or null when it does not get there.</summary>
    private static async Task<string?> PartOfChainAsync(string from, string to, ClaimsDbContext db, CancellationToken ct)
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
        var claims = db.Claims.IgnoreQueryFilters().Where(c => c.DeletedAt == null);
        var groups = new List<(string Noun, string Role, List<string> Ids)>
        {
            ("claim", "claimant", await Ids(claims.Where(c => c.ClaimantId == id).Select(c => c.Id), ct)),
            ("claim", "mention", await Ids(claims.Where(c => c.Mentions.Any(m => m.EntityId == id)).Select(c => c.Id), ct)),
            ("claim", "qualifier", await Ids(claims.Where(c => c.Qualifiers.Any(q => q.EntityId == id)).Select(c => c.Id), ct)),
            ("statement", "speaker", await Ids(db.Statements.IgnoreQueryFilters().Where(s => s.DeletedAt == null && s.SpeakerId == id).Select(s => s.Id), ct)),
            ("statement", "source", await Ids(db.Statements.IgnoreQueryFilters().Where(s => s.DeletedAt == null && s.SourceId == id).Select(s => s.Id), ct)),
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
