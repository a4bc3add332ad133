using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ClaimsApi.TextSearch;

/// <summary>The index's folder: opening it for this process alone, and what its last commit records.</summary>
public sealed partial class TextIndex
{
    /// <summary>
    /// Opens (or creates) the index in folder <paramref name="path"/>; when another instance on this machine holds it,
    /// the first free of <c>path.2</c>, <c>path.3</c>, …, so that each instance keeps one folder across restarts.
    /// </summary>
    public static TextIndex Open(string path, bool orTheNextFree = true)
    {
        for (var n = 1; ; n++)
        {
            var folder = new DirectoryInfo(n == 1 ? path : $"{path}.{n}");
            FileStream? held = null;
            LuceneDirectory? directory = null;
            try
            {
                held = Hold(folder);
                // Memory-mapped: the index lives in the page cache, read without copying (FSDirectory.Open would pick NIOFSDirectory on Linux).
                directory = new MMapDirectory(folder);
                try
                {
                    return new TextIndex(directory, held);
                }
                catch (Exception e) when (e is CorruptIndexException or EndOfStreamException)
                {
                    // Derived data: a folder that cannot be read (a disk fault, files removed by hand) starts over
                    // empty, and the follower builds it again from the database, as it does a new one.
                    foreach (var file in folder.EnumerateFiles().Where(f => f.Name != LockFile))
                    {
                        file.Delete();
                    }

                    return new TextIndex(directory, held) { Damage = e.Message };
                }
            }
            catch (LockObtainFailedException) when (orTheNextFree && n < 16)
            {
                directory?.Dispose();
                held?.Dispose();
            }
            catch
            {
                directory?.Dispose();
                held?.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="folder"/> for this process: an exclusive lock on its <c>instance.lock</c>, which the
    /// operating system drops with the process however it ends (a kill included), so it is never stale. Lucene.Net's
    /// own write lock excludes only other writers in the same process on Linux (it takes a shared <c>flock</c>), so a
    /// second process (a server, <c>search rebuild</c>) would open the folder too, and two writers corrupt an index.
    /// </summary>
    /// <exception cref="LockObtainFailedException">Another process, or another index in this one, holds it.</exception>
    private static FileStream Hold(DirectoryInfo folder)
    {
        folder.Create();
        var file = Path.Combine(folder.FullName, LockFile);
        try
        {
            // FileShare.None: an exclusive flock(2) on Unix, a sharing mode that excludes every other opener on Windows.
            return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new LockObtainFailedException($"Another process holds the search index in {folder.FullName} ({file}).", e);
        }
    }

    /// <summary>The change-log position and the analysis version (<see cref="TextAnalysis.Version"/>) of the last commit; a new index is current.</summary>
    private static (long Position, int Analysis) ReadCommit(LuceneDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            return (0, TextAnalysis.Version);
        }

        var data = DirectoryReader.ListCommits(directory)[^1].UserData;
        return (
            data.TryGetValue(PositionKey, out var position) ? long.Parse(position, CultureInfo.InvariantCulture) : 0,
            data.TryGetValue(AnalysisKey, out var analysis) ? int.Parse(analysis, CultureInfo.InvariantCulture) : 1);
    }
}
