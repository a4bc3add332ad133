using ClaimsApi.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Persistence;

/// <summary>
/// Brings the database up to date at start-up: validates the seeds first (so a bad seed never touches the
/// database), then applies migrations, then imports the seeds.
/// </summary>
public static partial class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        SeedSet? seeds = null;
        if (options.ImportOnStartup)
        {
            try
            {
                seeds = SeedLoader.Load(Path.GetFullPath(options.Path, app.Environment.ContentRootPath));
            }
            catch (SeedException e)
            {
                // Said once, plainly, before the exception ends the process: the operator needs the list, not a stack trace.
                Log.InvalidSeeds(app.Logger, e.Message);
                throw;
            }
        }

        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        if (seeds is not null)
        {
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(seeds, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Critical, Message = "{Problems}")]
        public static partial void InvalidSeeds(ILogger logger, string problems);
    }
}
