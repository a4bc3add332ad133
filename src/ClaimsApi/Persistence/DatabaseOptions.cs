namespace ClaimsApi.Persistence;

/// <summary>Where the data lives. Bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite connection string; a relative <c>Data Source</c> is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/claims.db";
}

/// <summary>Where the seeds come from. Bound from the <c>Seeds</c> section.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seeds";

    /// <summary>The seeds folder; relative paths are resolved against the content root.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Whether start-up imports the seeds (migrations are always applied).</summary>
    public bool ImportOnStartup { get; set; } = true;
}
