using ClaimsApi.Http;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Features.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Entities;

/// <summary>Creating, replacing, merging, deleting and restoring entities.</summary>
public static class EntityCommands
{
    internal static readonly CuratedResource<NamedEntity, EntityResponse> Resource = new()
    {
        Name = CuratedRecords.Entity,
        Path = "/v1/entities",
        Query = db => db.Entities.Include(e => e.Aliases),
        Render = EntityEndpoints.LoadAsync,
        RenderMany = EntityEndpoints.LoadManyAsync,
        RefuseDelete = async (entity, db, ct) => await EntityReferences.DescribeAsync(entity.Id, db, ct) is { } references
            ? $"Entity '{entity.Id}' is still referred to by {references}. Merge it into the entity that replaces it (POST /v1/entities/{entity.Id}/merge), or change those records first."
            : null,
        RefuseRestore = async (entity, db, ct) =>
            entity.MergedIntoId is { } target ? $"Entity '{entity.Id}' was merged into '{target}'; a merge is not undone by restoring."
            : entity.PartOfId is { } parent && !await db.Entities.AnyAsync(e => e.Id == parent, ct) ? $"Entity '{entity.Id}' is part of '{parent}', which is deleted now; restore it first."
            : null,

        // Searches and claim matching spot entities by their names: they must see a committed change at once.
        Committed = services => services.GetRequiredService<EntityAliasIndex>().Invalidate(),
    };

    internal static readonly CuratedEndpoints<NamedEntity, EntityResponse> Curated = new(Resource, "Entity");

    [EndpointName("CreateEntity")]
    [EndpointSummary("Create an entity")]
    [EndpointDescription("Creates an entity with its aliases. 409 when the id is taken (also by a deleted entity); 422 when partOf names no entity.")]
    internal static Task<Results<Created<EntityResponse>, ProblemHttpResult>> CreateAsync(EntityWrite body, CurationPipeline curation, CancellationToken ct) =>
        curation.CreateAsync(Resource, EntityEditor.Build(body.Id ?? Slugs.From(body.Name!), body), (entity, changes, ct) => EntityEditor.PartOfProblemAsync(entity.Id, body.PartOf, changes.Lookup, ct), ct).Created();

    [EndpointName("ReplaceEntity")]
    [EndpointSummary("Replace an entity")]
    [EndpointDescription("Replaces the entity's name, kind, aliases, description, Wikidata id and partOf. Needs If-Match with the current ETag. 422 when partOf names no entity or would go round in a circle.")]
    internal static async Task<Results<Ok<EntityResponse>, ProblemHttpResult>> ReplaceAsync(string id, EntityWrite body, CurationPipeline curation, CancellationToken ct) =>
        Resource.RefuseOtherId(body.Id, id) ?? await curation.ChangeAsync(Resource, id, "update", (entity, changes, ct) => EntityEditor.ReplaceAsync(entity, body, changes.Lookup, ct), ct).Ok();

    [EndpointName("MergeEntity")]
    [EndpointSummary("Merge an entity into another")]
    [EndpointDescription("In one change: the entity's name and aliases become aliases of `into`, every claim, statement, article and entity that refers to it refers to `into` instead, and the entity is deleted; its URL then redirects (301) to `into`. Every record changed gets a new revision and a history entry (action merge). Needs If-Match with the merged entity's ETag. 422 when `into` is unknown or the entity itself; 409 when `into` is part of the entity. Answers with `into`.")]
    internal static async Task<Results<Ok<EntityResponse>, ProblemHttpResult>> MergeAsync(string id, EntityMerge body, CurationPipeline curation, TimeProvider time, CancellationToken ct) =>
        body.Into == id
            ? Problems.Unprocessable("into", "An entity cannot be merged into itself.")
            : await curation.ChangeAsync(Resource, id, "merge", (merged, changes, ct) => EntityEditor.MergeAsync(merged, body.Into!, time.GetUtcNow(), changes, ct), ct, answer: body.Into).Ok();
}
