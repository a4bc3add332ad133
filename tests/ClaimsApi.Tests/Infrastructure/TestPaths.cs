namespace ClaimsApi.Tests.Infrastructure;

internal static class TestPaths
{
    /// <summary>The shipped seeds, copied next to the test assembly.</summary>
    public static string Seeds { get; } = Path.Combine(AppContext.BaseDirectory, "seeds");

    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The repository root (the folder holding ClaimsApi.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public const string SeedArticleId = "9c422c9df4965fec";
    public const string SeedStem = "000_9c422c9df4965fec";

    /// <summary>A fresh copy of the shipped seeds in a temporary folder, for tests that edit seeds.</summary>
    public static string CopyOfSeeds(string parent)
    {
        var target = Path.Combine(parent, "seeds");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Seeds))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimsApi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory);
    }
}
