using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster for the PostgreSQL leg when no server is configured but one is installed here
/// (Debian's postgresql package, as CI installs it): started once per test run by `pg_guard` in .ci/postgres.sh,
/// which starts it as CI does (a temporary folder, a free port on 127.0.0.1, as the postgres user when run as root).
/// </summary>
/// <remarks>
/// The guard stops the cluster and removes its folder when its standard input closes. This process holds that
/// input open until it exits, however it exits: VSTest kills the test host 100 ms after the run, so no clean-up
/// of ours would be sure to run.
/// </remarks>
internal static class LocalPostgres
{
    private const string Installed = "/usr/lib/postgresql";

    // Held, never disposed nor closed, for as long as this process lives: closing its input would stop the cluster.
    private static readonly List<Process> Guards = [];

    /// <summary>An admin connection string to a cluster just started, or null and why not.</summary>
    public static (string? Server, string? WhyNot) Start()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(Installed)
            || !Directory.EnumerateDirectories(Installed).Any(version => File.Exists(Path.Combine(version, "bin", "initdb"))))
        {
            return (null, $"{TestDatabase.PostgresVariable} is not set, and no PostgreSQL server is installed here ({Installed}/*/bin/initdb) to start one");
        }

        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("source .ci/postgres.sh && pg_guard");

        Process guard;
        try
        {
            guard = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return (null, $"{TestDatabase.PostgresVariable} is not set, and bash, which starts a cluster, could not run: {e.Message}");
        }

        var errors = new StringBuilder();
        guard.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.Append(' ').Append(e.Data);
            }
        };
        guard.BeginErrorReadLine();

        // initdb, then a start that pg_ctl bounds to 60 s, up to three times (another run may take the port).
        var answer = guard.StandardOutput.ReadLineAsync();
        if (answer.Wait(TimeSpan.FromMinutes(5)) && answer.Result is { Length: > 0 } server)
        {
            Guards.Add(guard);
            return (server, null);
        }

        guard.StandardInput.Close();
        guard.WaitForExit(TimeSpan.FromSeconds(30));
        string why;
        lock (errors)
        {
            why = errors.ToString().Trim();
        }

        return (null, $"{TestDatabase.PostgresVariable} is not set, and a throw-away cluster from {Installed} did not start: {(why.Length > 0 ? why : "no reason given")}");
    }
}
