namespace ClaimsApi.Ceiling;

/// <summary>
/// The ceiling: Kestrel and routing, no other middleware (no authentication, rate limiting, problem documents or
/// exception pages: it serves public reads and answers anything else with a bare status), over the database the API
/// is configured with.
/// </summary>
internal static class CeilingProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["--sql", .. var rest])
        {
            // What the ceiling runs, for the provider given (Sqlite by default): to read, or to EXPLAIN in a database shell.
            var dialect = rest is ["Postgres"] ? Dialect.Postgres : Dialect.Sqlite;
            foreach (var (name, query) in Reads.Queries(dialect))
            {
                await Console.Out.WriteLineAsync($"-- {name} ({string.Join(", ", query.Parameters)})\n{query.Sql};\n");
            }

            return;
        }

        await using var app = Build(args);
        await app.RunAsync();
    }

    /// <summary>The app; <paramref name="configure"/> lets a test host it in memory.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        var connectionString = builder.Configuration["Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:ConnectionString is empty: set it as for the API (Database__ConnectionString, Database__Provider).");
        }

        var database = Database.Open(builder.Configuration["Database:Provider"], connectionString);
        builder.Services.AddSingleton(database);
        var app = builder.Build();

        var reads = new Reads(database.Dialect, database);
        app.MapGet("/v1/claims/{id}", reads.ClaimAsync);
        app.MapGet("/v1/statements/{id}", reads.StatementAsync);
        app.MapGet("/v1/entities/{id}", reads.EntityAsync);
        app.MapGet("/v1/articles/{id}", reads.ArticleAsync);
        app.MapGet("/v1/claims", reads.ClaimsAsync);
        app.MapGet("/v1/statements", reads.StatementsAsync);
        app.MapGet("/v1/entities/{id}/claims", reads.EntityClaimsAsync);
        return app;
    }
}
