using ClaimsApi.Persistence;
using Microsoft.Extensions.Hosting;

namespace ClaimsApi.Synthetic;

/// <summary>
/// <c>ClaimsApi.Synthetic generate --claims N [--seed S]</c>: fills the configured database with a synthetic base for
/// scale tests (docs/performance.md), then exits. A tool beside the API rather than a command inside it, so the API
/// does not ship it.
/// </summary>
internal static class SyntheticProgram
{
    /// <returns>The process exit code: 0 done (or usage asked for), 1 refused, 2 bad arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help" or "-h" or "-?"])
        {
            await Console.Out.WriteLineAsync(SyntheticOptions.Usage);
            return 0;
        }

        if (args is not ["generate", .. var options])
        {
            await Console.Error.WriteLineAsync(SyntheticOptions.Usage);
            return 2;
        }

        // The API's configuration: appsettings.json, environment variables (Database__Provider,
        // Database__ConnectionString) and the command line, read the way the API reads them.
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddPersistence(builder.Configuration);
        using var host = builder.Build();
        return await SyntheticCommand.RunAsync(host.Services, options, Console.Out, Console.Error, CancellationToken.None);
    }
}
