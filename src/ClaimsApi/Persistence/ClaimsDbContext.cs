using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>
/// The unit of work for the knowledge base. Provider-specific subclasses exist only so that each
/// provider has its own migration set (see docs/decisions/0003-one-migration-set-per-provider.md).
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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimsDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering members is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

/// <summary>The SQLite flavour (the embedded default).</summary>
public sealed class SqliteClaimsDbContext(DbContextOptions<SqliteClaimsDbContext> options) : ClaimsDbContext(options);
