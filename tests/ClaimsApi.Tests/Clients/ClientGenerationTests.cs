using System.Security.Cryptography;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Clients;

/// <summary>
/// The committed client was generated from the committed document. A file check, run once: it needs no API and no
/// provider (in the provider classes it ran twice, and failed rather than skipped where the PostgreSQL leg is off).
/// </summary>
public sealed class ClientGenerationTests
{
    [Fact]
    public void TheClientWasGeneratedFromTheCommittedDocument()
    {
        var document = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "docs", "openapi", "v1.json"));
        var recorded = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "ClaimsApi.Client", "Generated", "openapi.sha256")).Trim();
        Assert.True(
            Convert.ToHexStringLower(SHA256.HashData(document)) == recorded,
            "src/ClaimsApi.Client was generated from another version of docs/openapi/v1.json: run src/ClaimsApi.Client/generate.sh and commit what it changes.");
    }
}
