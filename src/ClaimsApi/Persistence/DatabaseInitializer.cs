using ClaimsApi.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Persistence;

/// <summary>
/// Brings the database up to date at start-up: validates the seeds first (so a bad seed never touches the
/// database), then applies migrations, then imports the seeds.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        var seeds = options.ImportOnStartup
            ? SeedLoader.Load(Path.GetFullPath(options.Path, app.Environment.ContentRootPath))
            : null;

        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        await db.Database.MigrateAsync(cancellationToken);

        if (seeds is not null)
        {
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(seeds, cancellationToken);
        }
    }
}
