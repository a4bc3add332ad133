namespace ClaimsApi.Features.Feeds;

public static class FeedServices
{
    /// <summary>The feeds' options (<c>Feeds</c>); a tag authority that is not one stops the start with its reason.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>()
            .Bind(configuration.GetSection(FeedOptions.Section))
            .Validate(o => o.TagAuthority is null || FeedOptions.IsTagAuthority(o.TagAuthority),
                "Feeds:TagAuthority must be a domain name (or e-mail address) and a date when it was yours, as a tag URI's authority (RFC 4151): claims.example.org,2026.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Author), "Feeds:Author must not be empty.")
            .ValidateOnStart();
        return services;
    }
}
