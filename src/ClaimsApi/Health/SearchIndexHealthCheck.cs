using ClaimsApi.TextSearch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaimsApi.Health;

/// <summary>
/// Whether searches answer at once: Degraded (still 200 on /health/ready, since everything else serves) while the
/// text index is built from the database or warmed after a start; Healthy once it is warm.
/// </summary>
internal sealed class SearchIndexHealthCheck(TextIndexFollower follower) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            follower.IsWarm ? HealthCheckResult.Healthy("The search index is built and warm.")
            : follower.IsReady ? HealthCheckResult.Degraded("The search index is being warmed: the first searches may be slower.")
            : HealthCheckResult.Degraded("The search index is being built from the database: searches wait for it."));
}
