using ClaimsApi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClaimsApi.Persistence;

/// <summary>
/// The unit of work for the knowledge base. Each provider has a subclass, which owns that provider's migration
/// set (docs/decisions/0003-one-migration-set-per-provider.md) and is the one seam for what the providers do
/// differently (docs/decisions/0010-provider-specific-features-behind-the-context.md).
/// </summary>
public abstract partial class ClaimsDbContext(DbContextOptions options) : DbContext(options)
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
    public DbSet<ClaimReview> Reviews => Set<ClaimReview>();
    public DbSet<HistoryEntry> History => Set<HistoryEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<EntityClaim> EntityClaims => Set<EntityClaim>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>
    /// Whether reads see claims and statements that are not published (drafts, in review, retracted): true for
    /// curators. Deleted records are never seen (except through <c>IgnoreQueryFilters</c>). Set for every request by
    /// the scoped registration, as pooled contexts are reused.
    /// </summary>
    public bool IncludeUnpublished => _includeUnpublished?.Invoke() ?? false;

    private Func<bool>? _includeUnpublished;

    /// <summary>
    /// Decides, at each query, whether reads see unpublished records; asked at query time rather than fixed when
    /// the context is created, because authenticating the request's key itself uses the context.
    /// </summary>
    public void SeeUnpublishedWhen(Func<bool>? predicate) => _includeUnpublished = predicate;

    private RowWriter? _rows;

    /// <summary>
    /// Inserts rows without change tracking (<see cref="RowWriter"/>), inside the current transaction: one writer,
    /// with its prepared commands, per transaction.
    /// </summary>
    public RowWriter Rows
    {
        get
        {
            var transaction = Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Rows are written inside a transaction.");
            if (_rows?.Transaction != transaction)
            {
                _rows?.Dispose();
                _rows = new RowWriter(this, transaction);
            }

            return _rows;
        }
    }

    /// <summary>
    /// Called first inside the seed-import transaction: blocks until no other instance is importing, so that
    /// instances starting together import once (the others then find the fingerprint already recorded).
    /// </summary>
    public abstract Task LockForSeedingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until no other write of this process is running on the same database, where the provider needs that
    /// (SQLite has one writer at a time, and Microsoft.Data.Sqlite waits for a busy database by sleeping 150 ms
    /// between tries, so queueing writers in-process is both fairer and much faster). Dispose to let the next one in.
    /// </summary>
    public virtual ValueTask<IDisposable?> WaitForWriteTurnAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>
    /// Inside a write's transaction, just before it adds to the history: from here until the transaction ends no
    /// other write adds to it, so history ids (the positions of the change log) are handed out in commit order
    /// and a reader that has seen position n has seen every change before it. SQLite has one writer at a time
    /// already; PostgreSQL takes a transaction-scoped advisory lock (decision 0029).
    /// </summary>
    public virtual Task TakeChangeLogTurnAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The key of the change log's advisory lock on PostgreSQL: writers take it exclusively, read-model fills shared.</summary>
    internal const long ChangeLogLockKey = 0x686973746F7279; // "history"

    /// <summary>
    /// Locks the rows of <paramref name="table"/> with these ids until the transaction ends, where the provider
    /// runs writers side by side (PostgreSQL): shared to read a row a decision rests on (a claim is published
    /// because its statements are), exclusive to change what others rest on (a statement leaving published, a
    /// delete). SQLite runs one writer at a time, so there is nothing to lock.
    /// </summary>
    /// <param name="table">The table, one of this context's (never user input).</param>
    /// <param name="ids">The rows' ids.</param>
    /// <param name="exclusive">FOR UPDATE rather than FOR SHARE.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public virtual Task LockRowsAsync(string table, IReadOnlyCollection<string> ids, bool exclusive, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc cref="MigrateExclusivelyAsync(string?, TimeSpan, CancellationToken)"/>
    public Task MigrateExclusivelyAsync(CancellationToken cancellationToken) =>
        MigrateExclusivelyAsync(null, DatabaseOptions.DefaultMigrationLockTimeout, cancellationToken);

    /// <inheritdoc cref="MigrateExclusivelyAsync(string?, TimeSpan, CancellationToken)"/>
    public Task MigrateExclusivelyAsync(TimeSpan lockTimeout, CancellationToken cancellationToken) =>
        MigrateExclusivelyAsync(null, lockTimeout, cancellationToken);

    /// <summary>
    /// Applies pending migrations so that instances starting together never run the same migration twice, and a
    /// process stopped at any point leaves no migration half-applied. Each provider says how.
    /// </summary>
    /// <param name="targetMigration">
    /// The last migration to apply (its id), or null for all; never one the database is already past (that would revert).
    /// </param>
    /// <param name="lockTimeout">How long to wait for another process's migration lock, where the provider bounds it.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public abstract Task MigrateExclusivelyAsync(string? targetMigration, TimeSpan lockTimeout, CancellationToken cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClaimsDbContext).Assembly);

        // What a read may see: never deleted records; unpublished claims and statements only for curators.
        modelBuilder.Entity<Article>().HasQueryFilter(QueryFilters.Deleted, a => a.DeletedAt == null);
        modelBuilder.Entity<NamedEntity>().HasQueryFilter(QueryFilters.Deleted, e => e.DeletedAt == null);
        modelBuilder.Entity<ClaimReview>().HasQueryFilter(QueryFilters.Deleted, r => r.DeletedAt == null);
        modelBuilder.Entity<Statement>()
            .HasQueryFilter(QueryFilters.Deleted, s => s.DeletedAt == null)
            .HasQueryFilter(QueryFilters.Unpublished, s => IncludeUnpublished || s.Workflow == WorkflowState.Published);
        modelBuilder.Entity<ClaimedFact>()
            .HasQueryFilter(QueryFilters.Deleted, c => c.DeletedAt == null)
            .HasQueryFilter(QueryFilters.Unpublished, c => IncludeUnpublished || c.Workflow == WorkflowState.Published);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering members is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
