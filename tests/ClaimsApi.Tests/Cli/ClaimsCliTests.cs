using System.Globalization;
using ClaimsApi.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Cli;

/// <summary>
/// The command line's parsing and dispatch, without a database: the services are empty and the database step is
/// recorded, so a test also shows when a command would have touched the database.
/// </summary>
public sealed class ClaimsCliTests : IDisposable
{
    private readonly List<bool> _initializations = [];
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture);
    private readonly StringWriter _error = new(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("--urls", "http://127.0.0.1:5080", "--help")]
    public async Task HelpPrintsTheUsageAndExits0WithoutTouchingTheDatabase(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(0, exit);
        var usage = _output.ToString();
        Assert.Contains("ClaimsApi [command] [options]", usage, StringComparison.Ordinal);
        Assert.Contains("migrate", usage, StringComparison.Ordinal);
        Assert.Contains("keys", usage, StringComparison.Ordinal);
        Assert.Contains("--urls", usage, StringComparison.Ordinal);
        Assert.DoesNotContain("--version", usage, StringComparison.Ordinal);
        Assert.Empty(_error.ToString());
        Assert.Empty(_initializations);
    }

    [Theory]
    [InlineData("ClaimsApi keys create [options]", "keys", "create", "--help")]
    [InlineData("ClaimsApi keys [command] [options]", "keys", "-h")]
    [InlineData("ClaimsApi migrate [options]", "migrate", "--help")]
    public async Task HelpOnACommandPrintsItsUsage(string expected, params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains(expected, _output.ToString(), StringComparison.Ordinal);
        Assert.Empty(_initializations);
    }

    [Fact]
    public async Task KeysWithoutASubcommandPrintsItsUsageToStandardErrorAndExits2()
    {
        var exit = await RunAsync("keys");

        Assert.Equal(ClaimsCli.BadArguments, exit);
        Assert.Empty(_output.ToString());
        Assert.Contains("Required command was not provided.", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClaimsApi keys [command] [options]", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_initializations);
    }

    [Theory]
    [InlineData("generate", "--claims", "10")]
    [InlineData("serve")]
    [InlineData("Migrate")]
    public async Task AnUnknownCommandPrintsTheUsageToStandardErrorAndExits2(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(ClaimsCli.BadArguments, exit);
        Assert.Empty(_output.ToString());
        Assert.StartsWith($"Unrecognized command or argument '{args[0]}'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("ClaimsApi [command] [options]", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_initializations);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5080")]
    [InlineData("--environment", "Production", "--Seeds:Path=/srv/seeds")]
    [InlineData("--Database:Provider=Postgres")]
    [InlineData("--version")]
    [InlineData("/urls=http://127.0.0.1:5080")]
    [InlineData("urls=http://127.0.0.1:5080")]
    [InlineData("--urls", "http://127.0.0.1:5080", "keys")]
    public async Task HostSettingsOrNothingAskForTheServer(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Null(exit);
        Assert.Empty(_output.ToString());
        Assert.Empty(_error.ToString());
        Assert.Empty(_initializations);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("migrate", "--Database:Provider=Postgres", "--Seeds:Path=/srv/seeds")]
    public async Task MigrateRunsTheDatabaseStepAsACommandAndExits0(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Equal([true], _initializations);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public async Task AnArgumentStartingWithAtIsAValueNotAResponseFile()
    {
        var exit = await RunAsync("keys", "create", "--name", "@/etc/passwd", "--role", "owner");

        Assert.Equal(ClaimsCli.BadArguments, exit);
        Assert.Equal("'owner' is not a role: use reader, curator or admin." + Environment.NewLine, _error.ToString());
    }

    [Theory]
    [InlineData("keys", "create", "--name", "desk")]
    [InlineData("keys", "create", "--name", "desk", "--role", "curator", "--force")]
    [InlineData("keys", "list", "--all")]
    [InlineData("keys", "rotate", "--name", "desk")]
    public async Task BadKeysArgumentsExit2BeforeTheDatabaseIsTouched(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(ClaimsCli.BadArguments, exit);
        Assert.Empty(_output.ToString());
        Assert.Contains("Usage:", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_initializations);
    }

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    private async Task<int?> RunAsync(params string[] args)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        var host = new CliHost(services, (asCommand, _) =>
        {
            _initializations.Add(asCommand);
            return Task.CompletedTask;
        }, _output, _error);
        return await ClaimsCli.RunAsync(host, args, CancellationToken.None);
    }
}
