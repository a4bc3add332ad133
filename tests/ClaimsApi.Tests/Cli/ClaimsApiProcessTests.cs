using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Cli;

/// <summary>
/// The built API run as a process, as an operator runs it, to show that Program.cs hands the command line to the
/// CLI before it would start the server: usage and mistakes exit at once, and nothing reaches the database.
/// </summary>
public sealed class ClaimsApiProcessTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("claimsapi-cli-");

    private string DatabasePath => Path.Combine(_work.FullName, "claims.db");

    [Fact]
    public async Task HelpPrintsTheUsageAndExits0WithoutCreatingTheDatabase()
    {
        var (exit, output, error) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("ClaimsApi [command] [options]", output, StringComparison.Ordinal);
        Assert.Empty(error);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task KeysWithoutASubcommandExits2WithTheUsageOnStandardError()
    {
        var (exit, output, error) = await RunAsync("keys");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("ClaimsApi keys [command] [options]", error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task TheGenerateCommandIsNoLongerPartOfTheApi()
    {
        var (exit, output, error) = await RunAsync("generate", "--claims", "10");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("Unrecognized command or argument 'generate'", error, StringComparison.Ordinal);
        Assert.Contains("tools/ClaimsApi.Synthetic", error, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    public void Dispose() => _work.Delete(recursive: true);

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) =>
        ApiProcess.RunCommandAsync(ApiProcess.StartInfo(DatabasePath, _work.FullName, args: args));
}
