using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaimsApi.Health;

/// <summary>Ready when the database answers and holds an imported seed set.</summary>
internal sealed class SeededHealthCheck(ClaimsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var last = await db.SeedImports.AsNoTracking().OrderByDescending(s => s.Id).Select(s => s.Fingerprint).FirstOrDefaultAsync(cancellationToken);
            return last is null
                ? HealthCheckResult.Unhealthy("The database has not been seeded.")
                : HealthCheckResult.Healthy($"Seeded (fingerprint {last[..12]}).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable.", e);
        }
    }
}
