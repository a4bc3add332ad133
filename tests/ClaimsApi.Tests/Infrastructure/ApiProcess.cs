using System.Diagnostics;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>
/// The built API run as an operator runs it (<c>dotnet ClaimsApi.dll</c>): on a SQLite file of the test's own,
/// the shipped seeds, and any free port on 127.0.0.1; standard output and error redirected.
/// </summary>
internal static class ApiProcess
{
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="workingDirectory">The content root (where an appsettings.json would be read from).</param>
    /// <param name="settings">Configuration, as environment variables (<c>Section__Key</c>).</param>
    /// <param name="args">The command line after the program.</param>
    /// <param name="openFiles">An open-file limit (<c>ulimit -n</c>) to start the process under, through bash.</param>
    public static ProcessStartInfo StartInfo(
        string databasePath, string workingDirectory, IEnumerable<(string Name, string Value)>? settings = null, IEnumerable<string>? args = null, int? openFiles = null)
    {
        var start = new ProcessStartInfo(openFiles is null ? "dotnet" : "bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Database__ConnectionString"] = $"Data Source={databasePath}",
                ["Seeds__Path"] = TestPaths.Seeds,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            },
        };
        foreach (var (name, value) in settings ?? [])
        {
            start.Environment[name] = value;
        }

        if (openFiles is { } limit)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"ulimit -n {limit} && exec dotnet \"$@\"");
            start.ArgumentList.Add("bash"); // $0
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClaimsApi.dll"));
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// Runs a command of the app (<paramref name="start"/>, from <see cref="StartInfo"/>) to its end, at most 60 s
    /// (past that it is killed and the test fails: a command that started the server instead of ending).
    /// </summary>
    /// <returns>Its exit code, standard output and standard error.</returns>
    public static async Task<(int Exit, string Output, string Error)> RunCommandAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'ClaimsApi {string.Join(' ', start.ArgumentList.SkipWhile(a => !a.EndsWith("ClaimsApi.dll", StringComparison.Ordinal)).Skip(1))}' was still running after 60 s (did it start the server?)");
        }

        return (process.ExitCode, await output, await error);
    }
}
