using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Health;

/// <summary>Ready when the database answers and holds an imported seed set.</summary>
internal sealed class SeededHealthCheck(ClaimsDbContext db, IOptions<SeedOptions> seeds) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var last = await db.SeedImports.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Fingerprint).FirstOrDefaultAsync(cancellationToken);
            if (last is not null)
            {
                return HealthCheckResult.Healthy($"Seeded (fingerprint {last[..12]}).");
            }

            // With the import off, the data is managed elsewhere (the migrate command, the generator): ready when there is some.
            return !seeds.Value.ImportOnStartup && await db.Articles.AnyAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Not seeded from seeds/, but holds articles.")
                : HealthCheckResult.Unhealthy("The database has not been seeded.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.", e);
        }
    }
}
