using System.CommandLine;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Cli;

/// <summary>
/// <c>migrate</c>: the database step of start-up as a deployment step. <c>migrate --to MIGRATION</c> applies pending
/// migrations up to that one and stops, importing nothing: a staged upgrade, or a database at an older migration to
/// rehearse an upgrade on (tests/crash/crash-test.sh does). It never goes back.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliHost host)
    {
        var to = new Option<string>("--to")
        {
            HelpName = "MIGRATION",
            Description = "Apply pending migrations up to this one (its id, 20261127082435_ImmutableUnaccent, or name, ImmutableUnaccent) "
                + "and stop, without importing the seeds. Never reverts one already applied.",
        };
        // Arguments after `migrate` are host settings (--Database:Provider=Postgres …), read by the host, as before.
        var migrate = new Command("migrate", "Validate the seeds, apply pending migrations and import the seeds, whatever "
            + "Database:MigrateOnStartup and Seeds:ImportOnStartup say, then exit (a deployment step).")
        {
            to,
        };
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction(async (result, ct) =>
        {
            if (result.GetValue(to) is { } target)
            {
                return await MigrateToAsync(host, target, ct);
            }

            await host.InitializeDatabaseAsync(true, ct);
            return ClaimsCli.Done;
        });
        return migrate;
    }

    private static async Task<int> MigrateToAsync(CliHost host, string target, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var id = migrations.SingleOrDefault(m => m == target || m.EndsWith("_" + target, StringComparison.Ordinal));
        if (id is null)
        {
            await host.Error.WriteLineAsync($"'{target}' is not a migration of this version. The migrations are: {string.Join(", ", migrations)}.");
            return ClaimsCli.BadArguments;
        }

        if (await db.Database.CanConnectAsync(ct)
            && (await db.Database.GetAppliedMigrationsAsync(ct)).FirstOrDefault(m => string.CompareOrdinal(m, id) > 0) is { } later)
        {
            await host.Error.WriteLineAsync($"The database is already past {id} (it has {later}); migrate never reverts a migration.");
            return ClaimsCli.Refused;
        }

        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await db.MigrateExclusivelyAsync(id, options.MigrationLockTimeout, ct);
        await host.Error.WriteLineAsync($"The database is at migration {id}; the seeds were not imported.");
        return ClaimsCli.Done;
    }
}
