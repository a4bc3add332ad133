using ClaimsApi.TestLogger;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

namespace ClaimsApi.Tests.TestRun;

/// <summary>The logger `dotnet test` prints through (with the console logger at quiet): tests/ClaimsApi.TestLogger.</summary>
public sealed class SkipSummaryLoggerTests : IDisposable
{
    private const string Source = "/tests/ClaimsApi.Tests.dll";

    private readonly StringWriter _output = new() { NewLine = "\n" };
    private readonly Events _events = new();

    public SkipSummaryLoggerTests() => new SkipSummaryLogger(_output).Initialize(_events, "/tmp");

    public void Dispose() => _output.Dispose();

    [Fact]
    public void SkippedTestsAreNotListedButCountedInOneLineAtTheEnd()
    {
        _events.Message(TestMessageLevel.Warning, "[xUnit.net 00:00:01.45]     Tests.A [SKIP]");
        _events.Result(Result("Tests.A", TestOutcome.Skipped, error: "PostgreSQL leg not run: no server."));
        _events.Result(Result("Tests.B", TestOutcome.Skipped, error: "PostgreSQL leg not run: no server."));
        _events.Result(Result("Tests.C", TestOutcome.Passed));
        Assert.Equal("", _output.ToString());

        _events.Complete();

        Assert.Equal(
            "\nSkipped 2 tests (dotnet test --logger \"console;verbosity=normal\" lists them): PostgreSQL leg not run: no server.\n",
            _output.ToString());
    }

    [Fact]
    public void EachSkipReasonIsCountedOnItsOwnLine()
    {
        _events.Result(Result("Tests.A", TestOutcome.Skipped, error: "Reason one"));
        _events.Result(Result("Tests.B", TestOutcome.Skipped, error: "Reason two"));
        _events.Result(Result("Tests.C", TestOutcome.Skipped, error: "Reason one"));
        _events.Result(Result("Tests.D", TestOutcome.Skipped));

        _events.Complete();

        Assert.Equal(
            "\nSkipped 4 tests (dotnet test --logger \"console;verbosity=normal\" lists them):\n"
            + "  2 tests: Reason one\n  1 test: Reason two\n  1 test: no reason given\n",
            _output.ToString());
    }

    [Fact]
    public void AFailureIsPrintedWithItsMessageStackTraceAndOutput()
    {
        var failed = Result("Tests.Broken(x: 1)", TestOutcome.Failed, error: "Assert.Equal() Failure", duration: TimeSpan.FromMilliseconds(27));
        failed.ErrorStackTrace = "   at Tests.Broken() in Tests.cs:line 9\n";
        failed.Messages.Add(new TestResultMessage(TestResultMessage.StandardOutCategory, "first line\nsecond line\n"));

        _events.Result(failed);
        _events.Complete();

        Assert.Equal(
            "  Failed Tests.Broken(x: 1) [27 ms]\n"
            + "  Error Message:\n   Assert.Equal() Failure\n"
            + "  Stack Trace:\n     at Tests.Broken() in Tests.cs:line 9\n\n"
            + "  Standard Output Messages:\n first line\n second line\n",
            _output.ToString().Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void WarningsArePrintedAsAtMinimalVerbosityButNotErrorsOrInformation()
    {
        _events.Message(TestMessageLevel.Warning, "No test matches the given testcase filter");
        _events.Message(TestMessageLevel.Error, "[xUnit.net 00:00:06.43]     Tests.Broken [FAIL]");
        _events.Message(TestMessageLevel.Informational, "[xUnit.net 00:00:00.01]   Starting: ClaimsApi.Tests");

        _events.Complete();

        Assert.Equal("No test matches the given testcase filter\n", _output.ToString());
    }

    private static TestResult Result(string name, TestOutcome outcome, string? error = null, TimeSpan? duration = null) =>
        new(new TestCase(name, new Uri("executor://xunit/VsTestRunner3/netcore/"), Source))
        {
            DisplayName = name,
            Outcome = outcome,
            ErrorMessage = error,
            Duration = duration ?? TimeSpan.FromMilliseconds(1),
        };

    private sealed class Events : TestLoggerEvents
    {
        public override event EventHandler<TestRunMessageEventArgs>? TestRunMessage;

        public override event EventHandler<TestRunStartEventArgs>? TestRunStart { add { } remove { } }

        public override event EventHandler<TestResultEventArgs>? TestResult;

        public override event EventHandler<TestRunCompleteEventArgs>? TestRunComplete;

        public override event EventHandler<DiscoveryStartEventArgs>? DiscoveryStart { add { } remove { } }

        public override event EventHandler<TestRunMessageEventArgs>? DiscoveryMessage { add { } remove { } }

        public override event EventHandler<DiscoveredTestsEventArgs>? DiscoveredTests { add { } remove { } }

        public override event EventHandler<DiscoveryCompleteEventArgs>? DiscoveryComplete { add { } remove { } }

        public void Message(TestMessageLevel level, string text) => TestRunMessage?.Invoke(this, new TestRunMessageEventArgs(level, text));

        public void Result(TestResult result) => TestResult?.Invoke(this, new TestResultEventArgs(result));

        public void Complete() =>
            TestRunComplete?.Invoke(this, new TestRunCompleteEventArgs(null, isCanceled: false, isAborted: false, error: null, attachmentSets: null, TimeSpan.FromSeconds(1)));
    }
}
