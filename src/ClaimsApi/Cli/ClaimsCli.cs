using System.CommandLine;
using System.CommandLine.Invocation;

namespace ClaimsApi.Cli;

/// <summary>
/// The command line, parsed by System.CommandLine. Without a command the server runs, and every argument goes to
/// ASP.NET Core's configuration as before (<c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>); the
/// first argument picks a command (<c>migrate</c>, <c>keys …</c>, <c>backup</c>, <c>search rebuild</c>, <c>import</c>, <c>extract-eval</c>), which runs and exits; <c>--help</c> prints the
/// usage and exits without touching the database. Exit codes: <see cref="Done"/>, <see cref="Refused"/>,
/// <see cref="BadArguments"/> (an unknown command, a missing option: the errors and the usage go to standard error).
/// </summary>
internal static class ClaimsCli
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int BadArguments = 2;

    private static readonly string[] HelpTokens = ["--help", "-h", "-?", "/h", "/?"];

    /// <summary>
    /// For <c>keys</c> the new key is the only standard output, and for <c>import</c> its summary, so every log line
    /// goes to standard error.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, IReadOnlyList<string> args)
    {
        if (args is [KeysCommands.Name or ImportCommand.Name, ..])
        {
            logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <returns>The exit code of the command the arguments name, or null when they ask for the server.</returns>
    public static Task<int?> TryRunAsync(WebApplication app, IReadOnlyList<string> args) =>
        RunAsync(CliHost.For(app), args, CancellationToken.None);

    /// <inheritdoc cref="TryRunAsync(WebApplication, IReadOnlyList{string})"/>
    public static async Task<int?> RunAsync(CliHost host, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (AsksForTheServer(args))
        {
            return null;
        }

        var serve = false;
        // No response files: an argument starting with '@' is a value, never a file to read arguments from.
        var result = Root(host, () => serve = true).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0 && result.Action is ParseErrorAction showErrors)
        {
            // System.CommandLine would print the usage to standard output and exit 1; a mistake is an error. Its typo
            // corrections guess from every unmatched token, option values included ("'5' was not matched"): left out.
            showErrors.ShowTypoCorrections = false;
            await result.InvokeAsync(new InvocationConfiguration { Output = host.Error, Error = host.Error }, ct);
            return BadArguments;
        }

        // No handler and no Ctrl+C interception: a failing command ends the process with its exception, as start-up does.
        var exit = await result.InvokeAsync(
            new InvocationConfiguration { Output = host.Output, Error = host.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, ct);
        return serve ? null : exit;
    }

    /// <summary>
    /// The server is the default: no arguments, or a first argument that is a host setting (<c>--urls …</c>,
    /// <c>/urls=…</c>, <c>urls=…</c>) and no help asked for. A first argument that is a bare word is a command, known or not.
    /// </summary>
    private static bool AsksForTheServer(IReadOnlyList<string> args) =>
        args.Count == 0
        || (args[0] is ['-', ..] or ['/', ..] || args[0].Contains('=', StringComparison.Ordinal)) && !args.Any(HelpTokens.Contains);

    private static RootCommand Root(CliHost host, Action serve)
    {
        var root = new RootCommand("""
            ClaimsApi: news claims, their evidence and the entities they mention, over HTTP.

            Without a command, runs the server; every argument then goes to ASP.NET Core's configuration, e.g.
            --urls http://127.0.0.1:5090, --environment Production, --Database:Provider=Postgres, --Seeds:Path=/srv/seeds.
            A command runs and exits: 0 done, 1 refused, 2 bad arguments (the errors and this usage go to standard error).
            The synthetic-data generator is a tool of its own: dotnet run --project tools/ClaimsApi.Synthetic -- --help
            """)
        {
            HelpName = "ClaimsApi",
        };

        // The root command is the server, which Program.cs runs once the command line has been read.
        root.SetAction(_ => serve());

        // --version would be a host setting here (the server would start): do not offer it.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        root.Subcommands.Add(MigrateCommand.Create(host));
        root.Subcommands.Add(KeysCommands.Create(host));
        root.Subcommands.Add(BackupCommand.Create(host));
        root.Subcommands.Add(SearchCommands.Create(host));
        root.Subcommands.Add(ImportCommand.Create(host));
        root.Subcommands.Add(ExtractEvalCommand.Create(host));
        return root;
    }
}
