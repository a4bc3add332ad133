using ClaimsApi.Domain;
using ClaimsApi.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>
/// The unit of work for the knowledge base. Each provider has a subclass, which owns that provider's migration
/// set (docs/decisions/0003-one-migration-set-per-provider.md) and is the one seam for what the providers do
/// differently (docs/decisions/0010-provider-specific-features-behind-the-context.md).
/// </summary>
public abstract class ClaimsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleParagraph> ArticleParagraphs => Set<ArticleParagraph>();
    public DbSet<NamedEntity> Entities => Set<NamedEntity>();
    public DbSet<EntityAlias> EntityAliases => Set<EntityAlias>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<ClaimedFact> Claims => Set<ClaimedFact>();
    public DbSet<ClaimEvidence> ClaimEvidence => Set<ClaimEvidence>();
    public DbSet<ClaimMention> ClaimMentions => Set<ClaimMention>();
    public DbSet<ClaimQualifier> ClaimQualifiers => Set<ClaimQualifier>();
    public DbSet<ClaimLink> ClaimLinks => Set<ClaimLink>();
    public DbSet<SeedImport> SeedImports => Set<SeedImport>();

    /// <summary>
    /// Called first inside the seed-import transaction: blocks until no other instance is importing, so that
    /// instances starting together import once (the others then find the fingerprint already recorded).
    /// </summary>
    public abstract Task LockForSeedingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies pending migrations so that instances starting together never run the same migration twice.
    /// EF Core's own migration lock covers SQLite; providers where it does not override this.
    /// </summary>
    public virtual Task MigrateExclusivelyAsync(CancellationToken cancellationToken) => Database.MigrateAsync(cancellationToken);

    /// <summary>Refills the full-text index from claims, statements and articles (inside the caller's transaction).</summary>
    public async Task RebuildSearchIndexAsync(CancellationToken cancellationToken)
    {
        // A whole rebuild of a large base takes minutes, far past the 30 s default for a command.
        var timeout = Database.GetCommandTimeout();
        Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        try
        {
            await Database.ExecuteSqlRawAsync("DELETE FROM search_index", cancellationToken);
            await Database.ExecuteSqlRawAsync(RebuildSearchIndexSql, cancellationToken);
        }
        finally
        {
            Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>The provider's INSERT … SELECT that fills the index from <see cref="SearchDocumentsSql"/>.</summary>
    protected abstract string RebuildSearchIndexSql { get; }

    /// <summary>
    /// The index rows matching <paramref name="query"/>, scored (see docs/search.md); composable. With
    /// <paramref name="candidates"/>, only that many of the best rows by the provider's own relevance (BM25 on
    /// SQLite, ts_rank on PostgreSQL) are scored and returned, which bounds the cost of very common words.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="candidates">How many of the best rows to score, or null for all.</param>
    /// <param name="kind">Only rows of this kind (claim, statement, article), applied before the candidates are picked.</param>
    public abstract IQueryable<SearchHit> SearchIndex(FullTextQuery query, int? candidates = null, string? kind = null);

    /// <summary>The ids of the records of one kind that match <paramref name="query"/>, unscored: for filtering lists.</summary>
    public abstract IQueryable<string> MatchingIds(FullTextQuery query, string kind);

    /// <summary>The claims, statements and articles as the index sees them: kind, id, title, body.</summary>
    protected const string SearchDocumentsSql = """
        SELECT 'claim' AS kind, id AS ref_id, text AS title,
               COALESCE(subject, '') || ' ' || COALESCE(predicate, '') || ' ' || COALESCE(object, '') AS body
        FROM claims
        UNION ALL
        SELECT 'statement', id, text, COALESCE(cue, '') FROM statements
        UNION ALL
        SELECT 'article', id, title, text FROM articles
        """;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimsDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering members is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
