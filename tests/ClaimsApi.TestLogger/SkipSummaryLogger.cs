using System.Globalization;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

namespace ClaimsApi.TestLogger;

/// <summary>
/// What `dotnet test` prints at its default (minimal) verbosity, except for skipped tests: instead of two lines for
/// each (the console logger's "Skipped …" and xunit's "[SKIP]" warning), the run ends with one line per skip
/// reason saying how many tests it skipped.
/// </summary>
/// <remarks>
/// The console logger cannot leave out skipped tests alone: at minimal verbosity it lists each one, and at quiet it
/// leaves out failures too. So ClaimsApi.Tests.csproj runs it at quiet, where it still prints errors (xunit's
/// "[FAIL]" lines), a cancelled or aborted run, and each assembly's "Passed!/Failed!  - Failed: N, Passed: N,
/// Skipped: N, Total: N" line (.ci/run counts from it); and this logger prints what minimal adds to that, in the
/// console logger's format: each failed test with its message, stack trace and output, and warnings.
/// </remarks>
[FriendlyName(FriendlyName)]
[ExtensionUri("logger://ClaimsApi/SkipSummaryLogger")]
public sealed class SkipSummaryLogger : ITestLogger
{
    public const string FriendlyName = "skip-summary";

    private const string Indent = "  ";

    private readonly TextWriter _output;
    private readonly Lock _lock = new();

    // How many tests each reason skipped, in the order the reasons were first seen.
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly List<string> _reasons = [];

    public SkipSummaryLogger()
        : this(Console.Out)
    {
    }

    internal SkipSummaryLogger(TextWriter output) => _output = output;

    public void Initialize(TestLoggerEvents events, string testRunDirectory)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.TestRunMessage += (_, e) => OnMessage(e);
        events.TestResult += (_, e) => OnResult(e.Result);
        events.TestRunComplete += (_, _) => OnComplete();
    }

    private void OnMessage(TestRunMessageEventArgs e)
    {
        // Errors are printed by the console logger even at quiet, and informational messages not even at minimal.
        // xunit's "[SKIP]" warning repeats a skipped result.
        if (e.Level != TestMessageLevel.Warning || string.IsNullOrEmpty(e.Message) || e.Message.EndsWith("[SKIP]", StringComparison.Ordinal))
        {
            return;
        }

        lock (_lock)
        {
            _output.WriteLine(e.Message);
        }
    }

    private void OnResult(TestResult result)
    {
        lock (_lock)
        {
            switch (result.Outcome)
            {
                case TestOutcome.Passed:
                    break;
                case TestOutcome.Skipped:
                    var reason = string.IsNullOrWhiteSpace(result.ErrorMessage) ? "no reason given" : result.ErrorMessage.Trim();
                    if (!_skipped.TryAdd(reason, 1))
                    {
                        _skipped[reason]++;
                    }
                    else
                    {
                        _reasons.Add(reason);
                    }

                    break;
                case TestOutcome.Failed:
                    WriteResult("Failed", result);
                    WriteDetails(result);
                    break;
                default:
                    // Not found, or no outcome: rare, and worth seeing one by one, as the console logger shows them.
                    WriteResult(result.Outcome.ToString(), result);
                    break;
            }
        }
    }

    private void OnComplete()
    {
        lock (_lock)
        {
            var total = _skipped.Values.Sum();
            if (total == 0)
            {
                return;
            }

            const string howToList = "dotnet test --logger \"console;verbosity=normal\" lists them";
            _output.WriteLine();
            if (_reasons.Count == 1)
            {
                _output.WriteLine($"Skipped {Tests(total)} ({howToList}): {_reasons[0]}");
                return;
            }

            _output.WriteLine($"Skipped {Tests(total)} ({howToList}):");
            foreach (var reason in _reasons)
            {
                _output.WriteLine($"{Indent}{Tests(_skipped[reason])}: {reason}");
            }
        }
    }

    private static string Tests(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " test" : " tests");

    private void WriteResult(string outcome, TestResult result)
    {
        var name = string.IsNullOrWhiteSpace(result.DisplayName) ? result.TestCase.DisplayName : result.DisplayName;
        _output.WriteLine($"{Indent}{outcome} {name} [{Duration(result.Duration)}]");
    }

    private void WriteDetails(TestResult result)
    {
        if (!string.IsNullOrEmpty(result.ErrorMessage))
        {
            _output.WriteLine($"{Indent}Error Message:");
            _output.WriteLine($"{Indent} {result.ErrorMessage}");
        }

        if (!string.IsNullOrEmpty(result.ErrorStackTrace))
        {
            _output.WriteLine($"{Indent}Stack Trace:");
            _output.WriteLine($"{Indent}{result.ErrorStackTrace}");
        }

        WriteMessages(result, TestResultMessage.StandardOutCategory, "Standard Output Messages:");
        WriteMessages(result, TestResultMessage.StandardErrorCategory, "Standard Error Messages:");
        WriteMessages(result, TestResultMessage.DebugTraceCategory, "Debug Traces Messages:");
        WriteMessages(result, TestResultMessage.AdditionalInfoCategory, "Additional Information Messages:");
    }

    private void WriteMessages(TestResult result, string category, string banner)
    {
        var texts = result.Messages
            .Where(m => string.Equals(m.Category, category, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(m.Text))
            .Select(m => " " + m.Text!.TrimEnd().ReplaceLineEndings(Environment.NewLine + " "))
            .ToList();
        if (texts.Count == 0)
        {
            return;
        }

        _output.WriteLine(Indent + banner);
        foreach (var text in texts)
        {
            _output.WriteLine(text);
        }
    }

    // As the console logger writes it.
    private static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMilliseconds(1))
        {
            return "< 1 ms";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.Milliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
        }

        var parts = new List<string>();
        if (duration.Hours > 0)
        {
            parts.Add(duration.Hours.ToString(CultureInfo.InvariantCulture) + " h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add(duration.Minutes.ToString(CultureInfo.InvariantCulture) + " m");
        }

        if (duration.Hours == 0 && duration.Seconds > 0)
        {
            parts.Add(duration.Seconds.ToString(CultureInfo.InvariantCulture) + " s");
        }

        return string.Join(' ', parts);
    }
}
