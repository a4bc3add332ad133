using System.Globalization;
using ClaimsApi.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Synthetic;

/// <summary>How many rows a run wrote and how long it took.</summary>
internal sealed record SyntheticSummary(
    int Entities, int Aliases, int Articles, int Paragraphs, int Statements, int Claims,
    int Evidence, int Mentions, int Qualifiers, int Links, TimeSpan Insert, TimeSpan Index)
{
    public long Rows => (long)Entities + Aliases + Articles + Paragraphs + Statements + Claims + Evidence + Mentions + Qualifiers + Links;
}

/// <summary>The <c>generate</c> command: parse, check the database, generate, report.</summary>
internal static class SyntheticCommand
{
    /// <returns>The process exit code: 0 done, 1 refused, 2 bad arguments.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!SyntheticOptions.TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync();
            await error.WriteLineAsync(SyntheticOptions.Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var schema = SyntheticSchema.Resolve(db); // a generator out of step with the model fails here, before the database is touched
        var where = scope.ServiceProvider.GetRequiredService<PersistenceServices.ResolvedDatabase>().Describe();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generating {options.Claims:N0} claims (seed {options.Seed}) into the {where}"));
        await db.MigrateExclusivelyAsync(cancellationToken);
        if (await SyntheticGenerator.HoldsSyntheticRowsAsync(db, cancellationToken))
        {
            await error.WriteLineAsync("The database already holds synthetic rows (ids starting with \"syn-\"); generate into a new database (delete the SQLite file, or DROP DATABASE) instead.");
            return 1;
        }

        await SyntheticGenerator.GenerateAsync(db, schema, options, output, cancellationToken);
        return 0;
    }
}
