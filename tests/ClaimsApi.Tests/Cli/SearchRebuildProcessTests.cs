using ClaimsApi.TextSearch;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Cli;

/// <summary>
/// <c>search rebuild</c> run as an operator runs it, as a process of its own: the folder of an index held by another
/// process (a running server) is refused. Lucene.Net's write lock excludes only writers of one process on Linux, so
/// before the index held its folder itself the command rebuilt the folder under the server, and the two writers left
/// an index the server could not open again (found by tests/crash/crash-test.sh, phase indexing).
/// </summary>
public sealed class SearchRebuildProcessTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("claimsapi-rebuild-");

    [Fact]
    public async Task SearchRebuildRefusesAnIndexFolderAnotherProcessHolds()
    {
        var folder = Path.Combine(_work.FullName, "held.search-index");
        using (var held = TextIndex.Open(folder, orTheNextFree: false)) // this test process stands for the server
        {
            held.Apply([], [new("claim", "a", "Wheat exports.", "")], 3);
            held.Commit();

            var (exit, error) = await RebuildAsync(folder);

            Assert.True(exit == 1, $"exit {exit}: {error}");
            Assert.Contains($"A running server holds the search index in {folder}", error, StringComparison.Ordinal);
            Assert.Equal(3, held.CommittedPosition);
        }

        var (again, output) = await RebuildAsync(folder); // free again once the holder is gone
        Assert.True(again == 0, $"exit {again}: {output}");
        Assert.Contains("Search index rebuilt", output, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<(int Exit, string Error)> RebuildAsync(string folder)
    {
        var (exit, _, error) = await ApiProcess.RunCommandAsync(ApiProcess.StartInfo(
            Path.Combine(_work.FullName, "claims.db"), _work.FullName, [("Search__IndexPath", folder)], ["search", "rebuild"]));
        return (exit, error);
    }
}
