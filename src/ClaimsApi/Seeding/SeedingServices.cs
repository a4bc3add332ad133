using ClaimsApi.Persistence;

namespace ClaimsApi.Seeding;

public static class SeedingServices
{
    /// <summary>The seeds folder's options and the importer that reconciles the database with it.</summary>
    public static IServiceCollection AddSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddScoped<SeedImporter>();
        return services;
    }
}
