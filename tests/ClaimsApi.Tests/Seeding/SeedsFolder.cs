using ClaimsApi.Seeding;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Seeding;

/// <summary>A copy of the shipped seeds in a temporary folder, to break one thing at a time; deleted on dispose.</summary>
internal sealed class SeedsFolder : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("claimsapi-seeds-");

    public SeedsFolder(bool copyShippedSeeds = true)
    {
        Path = copyShippedSeeds
            ? TestPaths.CopyOfSeeds(_root.FullName)
            : Directory.CreateDirectory(System.IO.Path.Combine(_root.FullName, "seeds")).FullName;
    }

    public string Path { get; }

    public string Yaml => FileNamed(TestPaths.SeedStem + ".yaml");

    public string Text => FileNamed(TestPaths.SeedStem + ".txt");

    public string FileNamed(string name) => System.IO.Path.Combine(Path, name);

    public SeedSet Load() => SeedLoader.Load(Path);

    public SeedException LoadFails() => Assert.Throws<SeedException>(() => SeedLoader.Load(Path));

    /// <summary>
    /// Replaces the one occurrence of <paramref name="old"/> in <paramref name="file"/> (a name in the folder or a full
    /// path) and returns the 1-based line and column at which <paramref name="at"/> (a part of
    /// <paramref name="replacement"/>) now stands.
    /// </summary>
    public (int Line, int Column) Edit(string file, string old, string replacement, string? at = null)
    {
        file = FileNamed(file);
        var content = SeedText.Read(file);
        var index = content.IndexOf(old, StringComparison.Ordinal);
        Assert.True(index >= 0 && content.IndexOf(old, index + 1, StringComparison.Ordinal) < 0, $"test setup: '{old}' must occur exactly once in {file}");
        var offset = at is null ? 0 : replacement.IndexOf(at, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"test setup: '{at}' is not part of the replacement");

        var edited = string.Concat(content.AsSpan(0, index), replacement, content.AsSpan(index + old.Length));
        File.WriteAllText(file, edited);
        return Position(edited, index + offset);
    }

    /// <summary>The 1-based line and column of the one occurrence of <paramref name="text"/> in <paramref name="file"/>.</summary>
    public static (int Line, int Column) Locate(string file, string text)
    {
        var content = SeedText.Read(file);
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0 && content.IndexOf(text, index + 1, StringComparison.Ordinal) < 0, $"test setup: '{text}' must occur exactly once in {file}");
        return Position(content, index);
    }

    /// <summary>
    /// The index of the item <paramref name="id"/> in the top-level list <paramref name="section"/> of a curation
    /// file, counted from the text ("  - id: " lines), not from a YAML parser.
    /// </summary>
    public static int ItemIndex(string file, string section, string id)
    {
        var lines = File.ReadAllLines(file);
        var start = Array.IndexOf(lines, section + ":");
        Assert.True(start >= 0, $"test setup: no section '{section}' in {file}");
        var index = 0;
        for (var i = start + 1; i < lines.Length && (lines[i].Length == 0 || lines[i][0] is ' ' or '#'); i++)
        {
            if (lines[i].StartsWith("  - id: ", StringComparison.Ordinal))
            {
                if (lines[i]["  - id: ".Length..].Trim() == id)
                {
                    return index;
                }

                index++;
            }
        }

        Assert.Fail($"test setup: no item '{id}' in section '{section}' of {file}");
        return -1;
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static (int Line, int Column) Position(string content, int index)
    {
        var before = content.AsSpan(0, index);
        return (before.Count('\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }
}
