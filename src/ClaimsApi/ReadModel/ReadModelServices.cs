using ClaimsApi.Curation;
using ClaimsApi.Persistence;
using ClaimsApi.Telemetry;

namespace ClaimsApi.ReadModel;

public static class ReadModelServices
{
    /// <summary>The read model: its store for the configured provider, and the observer that keeps it true with every write.</summary>
    public static IServiceCollection AddReadModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadModelOptions>().Bind(configuration.GetSection(ReadModelOptions.Section));
        services.AddSingleton<RepresentationStore>(sp =>
        {
            var database = sp.GetRequiredService<PersistenceServices.ResolvedDatabase>();
            var metrics = sp.GetRequiredService<ClaimsMetrics>();
            return database.Provider == DatabaseProvider.Postgres
                ? new PostgresRepresentationStore(database.ConnectionString, metrics)
                : new SqliteRepresentationStore(database.ConnectionString, metrics);
        });
        services.AddSingleton<IChangeObserver, ReadModelInvalidation>();
        return services;
    }
}
