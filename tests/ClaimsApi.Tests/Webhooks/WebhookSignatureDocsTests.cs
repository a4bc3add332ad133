using System.Diagnostics;
using System.Text.RegularExpressions;
using ClaimsApi.Tests.Infrastructure;
using ClaimsApi.Webhooks;

namespace ClaimsApi.Tests.Webhooks;

/// <summary>docs/webhooks.md tells the truth: its example delivery is signed as the API signs, and its Python verifier accepts it and refuses a changed body.</summary>
public sealed partial class WebhookSignatureDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "webhooks.md"));

    [Fact]
    public void TheExampleDeliveryIsSignedAsTheApiSignsIt()
    {
        var (secret, id, timestamp, signature, body) = Example();

        Assert.Equal(signature, WebhookSignature.Sign(secret, id, long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), body));
    }

    [SkippableTheory]
    [InlineData(false, "True")]
    [InlineData(true, "False")]
    public async Task ThePythonVerifierAcceptsTheExampleAndRefusesAChangedBody(bool tamper, string expected)
    {
        var (secret, id, timestamp, signature, body) = Example();
        var verifier = PythonBlock().Match(Docs).Groups[1].Value;
        var script = verifier + $"\nprint(verify({Py(secret)}, {{'webhook-id': {Py(id)}, 'webhook-timestamp': {Py(timestamp)}, 'webhook-signature': {Py(signature)}}}, {Py(tamper ? body.Replace("published", "retracted", StringComparison.Ordinal) : body)}.encode()))\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        Process? python;
        try
        {
            python = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            python = null;
        }

        Skip.If(python is null, "python3 is not installed");
        await python.StandardInput.WriteAsync(script);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, await python.StandardError.ReadToEndAsync());
        Assert.Equal(expected, output.Trim());
    }

    private static (string Secret, string Id, string Timestamp, string Signature, string Body) Example()
    {
        var http = HttpBlock().Match(Docs).Groups[1].Value.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        string Header(string name) => http.Single(l => l.StartsWith(name + ": ", StringComparison.Ordinal))[(name.Length + 2)..];
        return (SecretLine().Match(Docs).Groups[1].Value, Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), http.Last(l => l.Length > 0));
    }

    private static string Py(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    [GeneratedRegex("```http\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex HttpBlock();

    [GeneratedRegex("```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();

    [GeneratedRegex("\"secret\":\"(whsec_[^\"]+)\"")]
    private static partial Regex SecretLine();
}
