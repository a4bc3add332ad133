using System.Security.Cryptography;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;

namespace ClaimsApi.Seeding;

/// <summary>Everything the seeds folder describes, validated and anchored, ready to be reconciled with the database.</summary>
public sealed record SeedSet(
    string Fingerprint,
    int Files,
    IReadOnlyList<Article> Articles,
    IReadOnlyList<NamedEntity> Entities,
    IReadOnlyList<Statement> Statements,
    IReadOnlyList<ClaimedFact> Claims);

/// <summary>A seeds folder as <see cref="SeedLoader.Scan"/> finds it: where, its fingerprint, how many files.</summary>
public sealed record SeedFolder(string Path, string Fingerprint, int Files);

/// <summary>
/// Reads and validates the seeds folder (docs/seed-format.md) without touching the database. Every problem is
/// collected with its file, line, column and path, and reported together in one <see cref="SeedException"/>.
/// </summary>
public static partial class SeedLoader
{
    /// <summary>Bump when the loader's output for the same files changes, so existing databases re-import.</summary>
    private const string LoaderVersion = "1";

    public static SeedSet Load(string folder)
    {
        var files = SeedFiles(folder);
        var loader = new Loader(folder);
        var sources = loader.ReadSources(files);
        return loader.Build(sources, Fingerprint(files));
    }

    /// <summary>
    /// The folder's fingerprint and file count, from the files' bytes alone: enough to tell that the database
    /// already holds these seeds, without parsing them (start-up over an unchanged folder does no more than this).
    /// </summary>
    public static SeedFolder Scan(string folder)
    {
        var files = SeedFiles(folder);
        return new SeedFolder(folder, Fingerprint(files), files.Count);
    }

    private static List<string> SeedFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SeedException([new SeedProblem(folder, 0, 0, "", "the seeds folder does not exist")]);
        }

        return Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f) is ".txt" or ".yaml" or ".yml")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Fingerprint(IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"loader:{LoaderVersion}\0"));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>One article with its curation, as read from disk.</summary>
    private sealed record Source(string ArticleId, string TextFile, ParsedArticle Article, string? CurationFile, CurationDocument Curation, YamlLocations? Locations);

    /// <summary>
    /// One load: the problems found so far and what has been read, by id. Split by concern: reading the files
    /// (SeedLoader.Files.cs), entities, statements, claims, and the field checks they share (SeedLoader.Checks.cs).
    /// </summary>
    private sealed partial class Loader(string folder)
    {
        private readonly List<SeedProblem> _problems = [];
        private readonly Dictionary<string, (NamedEntity Entity, Source Source, int Index)> _entities = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Statement Statement, Source Source)> _statements = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (ClaimedFact Claim, Source Source)> _claims = new(StringComparer.Ordinal);

        public SeedSet Build(List<Source> sources, string fingerprint)
        {
            foreach (var source in sources)
            {
                ReadEntities(source);
            }

            CheckEntityReferences();

            var articles = sources.Select(ReadArticle).ToList();
            foreach (var source in sources)
            {
                ReadStatements(source);
            }

            CheckStatementReferences();

            foreach (var source in sources)
            {
                ReadClaims(source);
            }

            CheckClaimLinks();
            ThrowIfProblems();

            return new SeedSet(
                fingerprint,
                sources.Count + sources.Count(s => s.CurationFile is not null),
                articles,
                [.. _entities.Values.Select(e => e.Entity)],
                [.. _statements.Values.Select(s => s.Statement)],
                [.. _claims.Values.Select(c => c.Claim)]);
        }

        private Article ReadArticle(Source source)
        {
            var meta = source.Curation.Article;
            var language = meta?.Language ?? ArticleBuilder.DefaultLanguage;
            if (!ArticleBuilder.IsLanguageTag(language))
            {
                Problem(source, "article.language", $"'{language}' is not a BCP 47 language tag such as 'en' or 'pt-BR'");
            }

            if (meta?.Publisher is { } publisher)
            {
                RequireEntity(source, "article.publisher", publisher);
            }

            if (meta?.SourceUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                Problem(source, "article.sourceUrl", $"'{url}' is not an absolute URL");
            }

            return ArticleBuilder.Build(source.ArticleId, source.Article, language, meta?.Publisher, meta?.SourceUrl, Path.GetFileName(source.TextFile));
        }

        private void Problem(Source source, string path, string message) =>
            Problem(source.CurationFile ?? source.TextFile, path, message, source.Locations);

        private void Problem(string file, string path, string message, YamlLocations? locations = null)
        {
            var (line, column) = locations?.Of(path) ?? (1, 1);
            _problems.Add(new SeedProblem(Relative(file), line, column, path, message));
        }

        private void Problem(string file, int line, int column, string path, string message) =>
            _problems.Add(new SeedProblem(Relative(file), line, column, path, message));

        private string Relative(string file) =>
            Path.GetRelativePath(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))!, Path.GetFullPath(file));

        private void ThrowIfProblems()
        {
            if (_problems.Count > 0)
            {
                throw new SeedException([.. _problems]);
            }
        }
    }
}
