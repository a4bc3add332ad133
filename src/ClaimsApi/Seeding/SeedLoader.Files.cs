using System.Text;
using System.Text.RegularExpressions;
using ClaimsApi.Domain.Text;

namespace ClaimsApi.Seeding;

public static partial class SeedLoader
{
    [GeneratedRegex(@"^\d+_(?<id>[0-9a-f]{16})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleFileName();

    // Walking the folder: pairing each article file with its curation file, decoding and parsing both.
    private sealed partial class Loader
    {
        public List<Source> ReadSources(List<string> files)
        {
            var sources = new List<Source>();
            var stems = files.GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
            foreach (var group in stems)
            {
                var text = group.FirstOrDefault(f => f.EndsWith(".txt", StringComparison.Ordinal));
                var curations = group.Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)).ToList();
                if (text is null)
                {
                    foreach (var orphan in curations)
                    {
                        Problem(orphan, 1, 1, "", $"there is no article file {group.Key}.txt beside this curation file");
                    }

                    continue;
                }

                if (curations.Count > 1)
                {
                    Problem(curations[1], 1, 1, "", $"the article {group.Key}.txt has more than one curation file");
                    continue;
                }

                var source = Read(group.Key, text, curations.SingleOrDefault());
                if (source is not null)
                {
                    sources.Add(source);
                }
            }

            foreach (var duplicate in sources.GroupBy(s => s.ArticleId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var first = Path.GetFileName(duplicate.First().TextFile);
                foreach (var other in duplicate.Skip(1))
                {
                    Problem(other.TextFile, 1, 1, "", $"article id '{duplicate.Key}' is already used by {first}; the 16-hex part of the file name must be unique");
                }
            }

            ThrowIfProblems();
            return sources;
        }

        private Source? Read(string stem, string textFile, string? curationFile)
        {
            var name = ArticleFileName().Match(stem);
            if (!name.Success)
            {
                Problem(textFile, 1, 1, "", "an article file is named NNN_<16 lower-case hex digits>.txt (the hex part is the article id)");
                return null;
            }

            string text;
            try
            {
                text = Utf8.Strict.GetString(File.ReadAllBytes(textFile));
            }
            catch (DecoderFallbackException e)
            {
                Problem(textFile, 1, 1, "", $"the file is not valid UTF-8 (byte {e.Index})");
                return null;
            }

            ParsedArticle article;
            try
            {
                article = ArticleParser.Parse(text);
            }
            catch (SeedFormatException e)
            {
                Problem(textFile, e.Line, e.Column, "", e.Message);
                return null;
            }

            if (curationFile is null)
            {
                return new Source(name.Groups["id"].Value, textFile, article, null, new CurationDocument(), null);
            }

            string yaml;
            try
            {
                yaml = Utf8.Strict.GetString(File.ReadAllBytes(curationFile));
            }
            catch (DecoderFallbackException e)
            {
                Problem(curationFile, 1, 1, "", $"the file is not valid UTF-8 (byte {e.Index})");
                return null;
            }

            try
            {
                var (document, locations) = CurationYaml.Read(yaml);
                return new Source(name.Groups["id"].Value, textFile, article, curationFile, document, locations);
            }
            catch (SeedFormatException e)
            {
                Problem(curationFile, e.Line, e.Column, "", e.Message);
                return null;
            }
        }
    }
}
