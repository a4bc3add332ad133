namespace ClaimsApi.Persistence;

/// <summary>The database engines ClaimsApi runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file database: the default, for one machine.</summary>
    Sqlite,

    /// <summary>A shared server database, for several instances behind a load balancer.</summary>
    Postgres,
}

/// <summary>Where the data lives. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For SQLite a relative <c>Data Source</c> is resolved against the content root;
    /// for PostgreSQL it is an Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/claims.db";

    /// <summary>Whether start-up applies pending migrations (turn off where a deployment step runs <c>migrate</c>).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public static readonly TimeSpan DefaultMigrationLockTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// SQLite: how long migrating waits for the database's write lock, held by another process, before start-up
    /// fails saying so (PostgreSQL waits for another instance's migration however long it takes).
    /// </summary>
    public TimeSpan MigrationLockTimeout { get; set; } = DefaultMigrationLockTimeout;
}

/// <summary>Where the seeds come from. Bound from the <c>Seeds</c> section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seeds";

    /// <summary>The seeds folder; relative paths are resolved against the content root.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Whether start-up imports the seeds.</summary>
    public bool ImportOnStartup { get; set; } = true;
}
