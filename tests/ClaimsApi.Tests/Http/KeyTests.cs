using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClaimsApi.Auth;
using ClaimsApi.Cli;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// The <c>keys</c> command, run through its code: a key is printed once and stored only as a hash, names are
/// unique, a revoked key stops working at once, and no key ever reaches a log.
/// </summary>
public abstract partial class KeyTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task CreatePrintsTheKeyAloneOnOneLineAndTheKeyWorks()
    {
        var name = NewName();

        var (exit, output, error) = await RunAsync(api, "create", "--name", name, "--role", "curator");

        Assert.Equal(0, exit);
        var key = Assert.Single(Lines(output));
        Assert.Matches(KeyPattern(), key);
        Assert.DoesNotContain(key, error, StringComparison.Ordinal);
        Assert.Contains(name, error, StringComparison.Ordinal);
        using var client = api.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims/dprk-troops-fought-in-kursk/history")).StatusCode);
    }

    [SkippableFact]
    public async Task OnlyTheKeysSha256HashIsStored()
    {
        var name = NewName();
        var (_, output, _) = await RunAsync(api, "create", "--name", name, "--role", "admin");
        var key = Assert.Single(Lines(output));

        await using var scope = api.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ClaimsDbContext>().ApiKeys.AsNoTracking().SingleAsync(k => k.Name == name);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored.Hash);
        Assert.Equal(ApiRole.Admin, stored.Role);
        var columns = typeof(ApiKey).GetProperties().Select(p => Convert.ToString(p.GetValue(stored), System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
        Assert.All(columns, value => Assert.DoesNotContain(key[ApiKeyStore.KeyPrefix.Length..], value, StringComparison.Ordinal));
        var rows = (await DatabaseSnapshot.TakeAsync(api.Database))["api_keys"];
        Assert.All(rows, row => Assert.DoesNotContain(key[ApiKeyStore.KeyPrefix.Length..], row, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ADuplicateNameIsRefusedWithExitCode1()
    {
        var name = NewName();
        Assert.Equal(0, (await RunAsync(api, "create", "--name", name, "--role", "reader")).Exit);

        var (exit, output, error) = await RunAsync(api, "create", "--name", name, "--role", "admin");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains($"A key named '{name}' exists", error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("create", "--name", "{name}", "--role", "superuser")]
    [InlineData("create", "--name", "{name}")]
    [InlineData("create", "--role", "curator")]
    [InlineData("rotate", "--name", "{name}")]
    [InlineData("list", "--all")]
    public async Task BadArgumentsExitWithCode2AndCreateNothing(params string[] args)
    {
        var name = NewName();

        var (exit, output, error) = await RunAsync(api, [.. args.Select(a => a.Replace("{name}", name, StringComparison.Ordinal))]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.NotEmpty(error);
        Assert.DoesNotContain(name, (await RunAsync(api, "list")).Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("two words")]
    [InlineData("-leading-hyphen")]
    [InlineData("ck_looks/like/a/path")]
    public async Task AnInvalidNameIsRefusedWithExitCode1(string name)
    {
        var (exit, output, error) = await RunAsync(api, "create", "--name", name, "--role", "reader");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("is not a valid key name", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ListShowsNameRoleAndPrefixButNeverTheKey()
    {
        var name = NewName();
        var key = Assert.Single(Lines((await RunAsync(api, "create", "--name", name, "--role", "curator")).Output));

        var (exit, output, _) = await RunAsync(api, "list");

        Assert.Equal(0, exit);
        var line = Assert.Single(Lines(output), l => l.StartsWith(name + "\t", StringComparison.Ordinal));
        Assert.Contains("\tcurator\t", line, StringComparison.Ordinal);
        Assert.Contains(key[..11], line, StringComparison.Ordinal);
        Assert.EndsWith("valid", line, StringComparison.Ordinal);
        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        Assert.DoesNotContain(key[ApiKeyStore.KeyPrefix.Length..], output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ARevokedKeyIsUnauthorizedStraightAway()
    {
        var name = NewName();
        var key = Assert.Single(Lines((await RunAsync(api, "create", "--name", name, "--role", "curator")).Output));
        using var client = api.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/claims/dprk-troops-fought-in-kursk/history")).StatusCode);

        var (exit, output, _) = await RunAsync(api, "revoke", "--name", name);

        Assert.Equal(0, exit);
        Assert.Empty(output);
        await Problem.AssertAsync(await client.GetAsync("/v1/claims/dprk-troops-fought-in-kursk/history"), HttpStatusCode.Unauthorized, "revoked");
        Assert.Contains($"{name}\tcurator\t", (await RunAsync(api, "list")).Output, StringComparison.Ordinal);
        Assert.Contains("\trevoked ", Lines((await RunAsync(api, "list")).Output).Single(l => l.StartsWith(name + "\t", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RevokingAnUnknownNameExitsWithCode1()
    {
        var (exit, _, error) = await RunAsync(api, "revoke", "--name", NewName());

        Assert.Equal(1, exit);
        Assert.Contains("There is no key named", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ANameOfARevokedKeyIsNotReused()
    {
        var name = NewName();
        await RunAsync(api, "create", "--name", name, "--role", "reader");
        await RunAsync(api, "revoke", "--name", name);

        var (exit, output, _) = await RunAsync(api, "create", "--name", name, "--role", "reader");

        Assert.Equal(1, exit);
        Assert.Empty(output);
    }

    [SkippableFact]
    public async Task NoKeyEverAppearsInTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        using var logged = api.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            logging.AddProvider(logs);
        }));

        var curatorName = NewName();
        var (exit, output, _) = await RunAsync(logged, "create", "--name", curatorName, "--role", "curator");
        Assert.Equal(0, exit);
        var curatorKey = Assert.Single(Lines(output));
        var readerKey = Assert.Single(Lines((await RunAsync(logged, "create", "--name", NewName(), "--role", "reader")).Output));
        var unknownKey = AuthTests<TApi>.UnknownKey();

        using (var curator = WithKey(logged, curatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await curator.GetAsync("/v1/claims/dprk-troops-fought-in-kursk/history")).StatusCode);
            var created = await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", TestClaims.Body(TestClaims.NewId("logged")).ToJsonString());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var reader = WithKey(logged, readerKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendJsonAsync(HttpMethod.Post, "/v1/claims", "{}")).StatusCode);
        }

        using (var stranger = logged.CreateClient())
        {
            stranger.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, unknownKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/v1/claims")).StatusCode);
        }

        Assert.Equal(0, (await RunAsync(logged, "revoke", "--name", curatorName)).Exit);

        var entries = logs.Entries.ToList();
        Assert.Contains(entries, e => e.Contains("ApiKey was not authenticated", StringComparison.Ordinal)); // the logs were captured at all
        foreach (var key in new[] { curatorKey, readerKey, unknownKey })
        {
            var secret = key[ApiKeyStore.KeyPrefix.Length..];
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static HttpClient WithKey(WebApplicationFactory<Program> factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string NewName() => $"desk-{Guid.NewGuid():N}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(int Exit, string Output, string Error)> RunAsync<TFactory>(TFactory factory, params string[] args)
        where TFactory : WebApplicationFactory<Program>
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Through the command line's parser, as `ClaimsApi keys …` runs; the factory has already initialised the database.
        var host = new CliHost(factory.Services, (_, _) => Task.CompletedTask, output, error);
        var exit = await ClaimsCli.RunAsync(host, [KeysCommands.Name, .. args], CancellationToken.None);
        return (exit!.Value, output.ToString(), error.ToString());
    }

    [GeneratedRegex("^ck_[0-9A-Za-z]{43}$")]
    private static partial Regex KeyPattern();
}

public sealed class KeyTestsOnSqlite(SqliteApi api) : KeyTests<SqliteApi>(api);

public sealed class KeyTestsOnPostgres(PostgresApi api) : KeyTests<PostgresApi>(api);

/// <summary>Keeps every log message, its structured values, its exception and its scopes, as text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder().Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            text.Append(" | ").Append(exception);
            provider._scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" | scope ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> items)
                {
                    foreach (var (key, value) in items)
                    {
                        builder.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
            }, text);
            provider.Entries.Enqueue(text.ToString());
        }
    }
}
