using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClaimsApi.Persistence;
using ClaimsApi.TextSearch;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Cli;

/// <summary>
/// <c>search rebuild</c>: builds this instance's text index anew from the database (decision 0032), with progress on
/// standard error; what the server would do at start with an empty index, as a deployment step for a large base (a
/// million claims: about a minute and a half), or after a disk fault. Run it where the server would keep its index
/// (the same <c>Search:IndexPath</c>), with the server stopped: the server holds its folder.
/// </summary>
internal static class SearchCommands
{
    public static Command Create(CliHost host)
    {
        var rebuild = new Command("rebuild", "Build the search index anew from the database (the server's folder, Search:IndexPath), showing progress, then exit.");
        rebuild.TreatUnmatchedTokensAsErrors = false;
        rebuild.SetAction(async (_, ct) =>
        {
            await host.InitializeDatabaseAsync(false, ct);
            var configured = host.Services.GetRequiredService<IOptions<TextSearchOptions>>().Value.IndexPath;
            var folder = configured == ":memory:" ? null : TextSearchServices.Folder(
                configured, host.Services.GetRequiredService<PersistenceServices.ResolvedDatabase>(), host.Services.GetRequiredService<IHostEnvironment>());
            if (folder is null)
            {
                await host.Error.WriteLineAsync("The search index is in memory here (Search:IndexPath is :memory:, or the database is): the server builds it at every start.");
                return ClaimsCli.Refused;
            }

            TextIndex index;
            try
            {
                index = TextIndex.Open(folder, orTheNextFree: false);
            }
            catch (Lucene.Net.Store.LockObtainFailedException)
            {
                await host.Error.WriteLineAsync($"A running server holds the search index in {folder}; stop it first (it builds an empty index itself at start).");
                return ClaimsCli.Refused;
            }

            using (index)
            {
                // Said before the first document, so that whoever stops the command knows the index was being replaced
                // (stopped before the last line, the folder keeps its previous commit: the index it held before).
                await host.Error.WriteLineAsync($"Rebuilding the search index in {folder} from the database…");
                var watch = Stopwatch.StartNew();
                await TextIndexFollower.RebuildAsync(index, host.Services.GetRequiredService<IServiceScopeFactory>(),
                    count => host.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,12:N0} documents  {watch.Elapsed.TotalSeconds,6:F0} s")), ct);
                await host.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Search index rebuilt in {folder}: {index.Count:N0} documents in {watch.Elapsed.TotalSeconds:F1} s, at change-log position {index.Position}."));
            }

            return ClaimsCli.Done;
        });
        var search = new Command("search", "The search index of this instance.") { rebuild };
        return search;
    }
}
