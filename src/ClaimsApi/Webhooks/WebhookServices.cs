namespace ClaimsApi.Webhooks;

/// <summary>What this instance allows as a webhook target, settled at start from <see cref="WebhookOptions"/> and the environment.</summary>
/// <param name="AllowHttp">Plain http targets (Development, unless configured).</param>
/// <param name="AllowPrivateNetworks">Loopback, private and reserved addresses (Development, unless configured).</param>
public sealed record WebhookRules(bool AllowHttp, bool AllowPrivateNetworks);

public static class WebhookServices
{
    /// <summary>Webhook subscriptions' rules, the delivery client (no redirects, the address guard) and the dispatcher (decision 0034).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;
            var development = sp.GetRequiredService<IHostEnvironment>().IsDevelopment();
            return new WebhookRules(options.AllowHttp ?? development, options.AllowPrivateNetworks ?? development);
        });
        services.AddHttpClient(WebhookDispatcher.Client, client => client.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its own timeout
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<WebhookRules>().AllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, // a redirect could lead anywhere, past the checks on the subscription's URL
                    UseProxy = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5), // DNS changes are seen, and checked again
                    ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
                };
            });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
