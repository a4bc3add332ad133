using ClaimsApi.Seeding;

namespace ClaimsApi.Cli;

/// <summary>What a command runs against: the built application's services, its database start-up, and the two streams.</summary>
/// <param name="Services">The application's services (the API key store, the database context …).</param>
/// <param name="InitializeDatabaseAsync">
/// Brings the database up to date as start-up does (<see cref="DatabaseInitializer"/>); with <c>true</c>, as the
/// <c>migrate</c> command: migrate and import whatever the start-up switches say.
/// </param>
/// <param name="Output">Standard output: only what a command is asked for (a new key, the list of keys).</param>
/// <param name="Error">Standard error: messages, parse errors and usage after a mistake.</param>
internal sealed record CliHost(
    IServiceProvider Services, Func<bool, CancellationToken, Task> InitializeDatabaseAsync, TextWriter Output, TextWriter Error)
{
    public static CliHost For(WebApplication app) =>
        new(app.Services, (asCommand, ct) => app.InitializeDatabaseAsync(asCommand, ct), Console.Out, Console.Error);
}
