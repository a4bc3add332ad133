namespace ClaimsApi.Curation;

public static class CurationServices
{
    /// <summary>The curation pipeline, its change observers (the history, the write counters), and the kinds of curated record.</summary>
    public static IServiceCollection AddCuration(this IServiceCollection services, params ICuratedResource[] resources)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurationPipeline>();
        services.AddSingleton<IChangeObserver, HistoryRecorder>();
        services.AddSingleton<IChangeObserver, WriteMetrics>();
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<IChangeObserver>(services => services.GetRequiredService<ChangeSignal>());
        foreach (var resource in resources)
        {
            services.AddSingleton(resource);
        }

        services.AddSingleton<CuratedResources>();
        return services;
    }
}
