using ClaimsApi.Features.Articles;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Reviews;
using ClaimsApi.Features.Statements;
using ClaimsApi.Persistence;

namespace ClaimsApi.Curation;

/// <summary>The API representation of any curated record by its history name, for the history the seed import writes.</summary>
public static class CuratedRecords
{
    public const string Article = "article";
    public const string Entity = "entity";
    public const string Statement = "statement";
    public const string Claim = "claim";
    public const string Review = "review";

    public static async Task<object?> RenderAsync(string type, string id, ClaimsDbContext db, CancellationToken ct) => type switch
    {
        Claim => await ClaimEndpoints.LoadAsync(id, db, ct),
        Statement => await StatementEndpoints.LoadAsync(id, db, ct),
        Article => await ArticleEndpoints.LoadAsync(id, db, ct),
        Entity => await EntityEndpoints.LoadAsync(id, db, ct),
        Review => await ReviewEndpoints.LoadAsync(id, db, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a curated record type."),
    };
}
