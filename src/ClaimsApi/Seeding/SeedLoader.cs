using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClaimsApi.Seeding;

/// <summary>Everything the seeds folder describes, validated and anchored, ready to be reconciled with the database.</summary>
public sealed record SeedSet(
    string Fingerprint,
    int Files,
    IReadOnlyList<Article> Articles,
    IReadOnlyList<NamedEntity> Entities,
    IReadOnlyList<Statement> Statements,
    IReadOnlyList<ClaimedFact> Claims);

/// <summary>
/// Reads and validates the seeds folder (docs/seed-format.md) without touching the database. Every problem is
/// collected with its file, line, column and path, and reported together in one <see cref="SeedException"/>.
/// </summary>
public static partial class SeedLoader
{
    /// <summary>Bump when the loader's output for the same files changes, so existing databases re-import.</summary>
    private const string LoaderVersion = "1";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static SeedSet Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SeedException([new SeedProblem(folder, 0, 0, "", "the seeds folder does not exist")]);
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f) is ".txt" or ".yaml" or ".yml")
            .Order(StringComparer.Ordinal)
            .ToList();
        var loader = new Loader(folder);
        var sources = loader.ReadSources(files);
        return loader.Build(sources, Fingerprint(files));
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

    [GeneratedRegex(@"^\d+_(?<id>[0-9a-f]{16})$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleFileName();

    /// <summary>One article with its curation, as read from disk.</summary>
    private sealed record Source(string ArticleId, string TextFile, ParsedArticle Article, string? CurationFile, CurationDocument Curation, YamlLocations? Locations);

    private sealed class Loader(string folder)
    {
        private readonly List<SeedProblem> _problems = [];
        private readonly Dictionary<string, (NamedEntity Entity, Source Source, int Index)> _entities = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Statement Statement, Source Source)> _statements = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (ClaimedFact Claim, Source Source)> _claims = new(StringComparer.Ordinal);

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
                text = StrictUtf8.GetString(File.ReadAllBytes(textFile));
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
                yaml = StrictUtf8.GetString(File.ReadAllBytes(curationFile));
            }
            catch (DecoderFallbackException e)
            {
                Problem(curationFile, 1, 1, "", $"the file is not valid UTF-8 (byte {e.Index})");
                return null;
            }

            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(yaml));
                var document = Yaml.Deserialize<CurationDocument?>(yaml) ?? new CurationDocument();
                return new Source(name.Groups["id"].Value, textFile, article, curationFile, document, new YamlLocations(stream));
            }
            catch (YamlException e)
            {
                var message = e.InnerException is { } inner && e.Message.StartsWith('(') ? inner.Message : e.Message;
                var unknownKey = UnknownKey().Match(message);
                Problem(curationFile, (int)e.Start.Line, (int)e.Start.Column, "", unknownKey.Success
                    ? $"unknown key '{unknownKey.Groups["key"].Value}' (see docs/seed-format.md for the keys each section takes)"
                    : $"invalid YAML: {Clean(message)}");
                return null;
            }
        }

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

        private void ReadEntities(Source source)
        {
            var list = source.Curation.Entities ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var dto = list[i];
                var path = $"entities[{i}]";
                if (!ValidId(source, path, dto.Id) || Required(source, $"{path}.name", dto.Name, Limits.Name) is not { } name)
                {
                    continue;
                }

                if (!ParseKind<EntityKind>(source, $"{path}.kind", dto.Kind, out var kind))
                {
                    continue;
                }

                if (_entities.TryGetValue(dto.Id, out var existing))
                {
                    Problem(source, $"{path}.id", $"entity '{dto.Id}' is already defined in {Path.GetFileName(existing.Source.CurationFile)}");
                    continue;
                }

                if (dto.Wikidata is { } wikidata && !EntityRules.IsWikidataId(wikidata))
                {
                    Problem(source, $"{path}.wikidata", $"'{wikidata}' is not a Wikidata item id such as Q423");
                }

                if (EntityRules.NameProblem(name) is { } nameProblem)
                {
                    Problem(source, $"{path}.name", nameProblem);
                    continue;
                }

                var aliases = dto.Aliases ?? [];
                var rejected = new HashSet<int>();
                for (var a = 0; a < aliases.Count; a++)
                {
                    if (Required(source, $"{path}.aliases[{a}]", aliases[a], Limits.Name) is null)
                    {
                        rejected.Add(a);
                    }
                }

                foreach (var (a, message) in EntityRules.AliasProblems(name, aliases))
                {
                    Problem(source, $"{path}.aliases[{a}]", message);
                    rejected.Add(a);
                }

                var entity = EntityRules.Build(
                    dto.Id, name, kind, aliases.Where((_, a) => !rejected.Contains(a)), dto.Description, dto.Wikidata, dto.PartOf,
                    Path.GetFileName(source.CurationFile));
                _entities.Add(entity.Id, (entity, source, i));
            }
        }

        private void CheckEntityReferences()
        {
            foreach (var (entity, source, index) in _entities.Values)
            {
                var problem = PartOfRules.Check(
                    entity.Id, entity.PartOfId, _entities.ContainsKey, id => _entities.TryGetValue(id, out var e) ? e.Entity.PartOfId : null);
                if (problem is not null)
                {
                    Problem(source, $"entities[{index}].partOf", problem.Rule switch
                    {
                        PartOfRule.Self => "an entity cannot be part of itself",
                        PartOfRule.UnknownParent => $"unknown entity '{entity.PartOfId}'",
                        _ => $"partOf goes round in a circle: {ParentChains.Describe(problem.Cycle)}",
                    });
                }
            }
        }

        private void ReadStatements(Source source)
        {
            var list = source.Curation.Statements ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var dto = list[i];
                var path = $"statements[{i}]";
                if (!ValidId(source, path, dto.Id))
                {
                    continue;
                }

                if (_statements.ContainsKey(dto.Id))
                {
                    Problem(source, $"{path}.id", $"statement '{dto.Id}' is defined twice");
                    continue;
                }

                var speakerOk = RequireEntity(source, $"{path}.speaker", dto.Speaker);
                Optional(source, $"{path}.cue", dto.Cue, Limits.Cue);
                var kindOk = ParseKind<StatementKind>(source, $"{path}.kind", dto.Kind, out var kind);
                if (dto.Source is { } sourceEntity)
                {
                    RequireEntity(source, $"{path}.source", sourceEntity);
                }

                var span = Anchoring.InArticle(source.Article.Text, dto.Exact, dto.Prefix, dto.Suffix, out var anchorProblem);
                if (anchorProblem is not null)
                {
                    Problem(source, $"{path}.exact", anchorProblem);
                }

                if (!speakerOk || !kindOk || span is null)
                {
                    continue;
                }

                _statements.Add(dto.Id, (new Statement
                {
                    Id = dto.Id,
                    ArticleId = source.ArticleId,
                    SpeakerId = dto.Speaker!,
                    Kind = kind,
                    Cue = dto.Cue,
                    Text = span.Text,
                    Start = span.Start,
                    End = span.End,
                    ParentId = dto.Parent,
                    SourceId = dto.Source,
                    SeedFile = Path.GetFileName(source.CurationFile),
                }, source));
            }
        }

        private void CheckStatementReferences()
        {
            foreach (var (statement, source) in _statements.Values)
            {
                if (statement.ParentId is not { } parentId)
                {
                    continue;
                }

                var problem = StatementNesting.Check(
                    statement.Id, parentId, StatementPlace.Of(statement),
                    id => _statements.TryGetValue(id, out var s) ? StatementPlace.Of(s.Statement) : null,
                    id => _statements.TryGetValue(id, out var s) ? s.Statement.ParentId : null);
                if (problem is not null)
                {
                    var path = $"statements[{source.Curation.Statements!.FindIndex(s => s.Id == statement.Id)}].parent";
                    Problem(source, path, problem.Rule switch
                    {
                        NestingRule.OwnParent => "a statement cannot be its own parent",
                        NestingRule.UnknownParent => $"unknown statement '{parentId}'",
                        NestingRule.OtherArticle or NestingRule.Outside => $"a nested statement must lie inside its parent, but '{statement.Id}' is not inside '{parentId}'",
                        _ => $"parent goes round in a circle through '{statement.Id}'",
                    });
                }
            }
        }

        private void ReadClaims(Source source)
        {
            var list = source.Curation.Claims ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var dto = list[i];
                var path = $"claims[{i}]";
                if (!ValidId(source, path, dto.Id))
                {
                    continue;
                }

                if (_claims.ContainsKey(dto.Id))
                {
                    Problem(source, $"{path}.id", $"claim '{dto.Id}' is defined twice");
                    continue;
                }

                var text = Required(source, $"{path}.text", dto.Text, Limits.ClaimText);
                Optional(source, $"{path}.subject", dto.Subject, Limits.ClaimPart);
                Optional(source, $"{path}.predicate", dto.Predicate, Limits.ClaimPart);
                Optional(source, $"{path}.object", dto.Object, Limits.ClaimPart);
                var claimantOk = RequireEntity(source, $"{path}.claimant", dto.Claimant);
                var kindOk = ParseKind<ClaimKind>(source, $"{path}.kind", dto.Kind, out var kind);
                var status = VerificationStatus.Unverified;
                var statusOk = dto.Status is null || ParseKind(source, $"{path}.status", dto.Status, out status);
                var claimedOn = source.Article.PublishedOn;
                if (dto.ClaimedOn is { } date && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out claimedOn))
                {
                    Problem(source, $"{path}.claimedOn", $"'{date}' is not a date in the form YYYY-MM-DD");
                }

                if (text is null || !claimantOk || !kindOk || !statusOk)
                {
                    continue;
                }

                var claim = new ClaimedFact
                {
                    Id = dto.Id,
                    Text = text,
                    ClaimantId = dto.Claimant!,
                    Kind = kind,
                    ClaimedOn = claimedOn,
                    Subject = dto.Subject,
                    Predicate = dto.Predicate,
                    Object = dto.Object,
                    Status = status,
                    ArticleId = source.ArticleId,
                    SeedFile = Path.GetFileName(source.CurationFile),
                };
                ReadEvidence(source, path, dto, claim);
                ReadMentions(source, path, dto, claim);
                ReadQualifiers(source, path, dto, claim);
                _claims.Add(claim.Id, (claim, source));
            }
        }

        private void ReadEvidence(Source source, string path, CurationClaim dto, ClaimedFact claim)
        {
            var evidence = dto.Evidence ?? [];
            if (evidence.Count == 0)
            {
                Problem(source, $"{path}.evidence", "a claim needs at least one piece of evidence (a statement that carries it)");
            }

            for (var e = 0; e < evidence.Count; e++)
            {
                var item = evidence[e];
                var itemPath = $"{path}.evidence[{e}]";
                if (Required(source, $"{itemPath}.statement", item.Statement) is not { } statementId)
                {
                    continue;
                }

                if (!_statements.TryGetValue(statementId, out var statement))
                {
                    Problem(source, $"{itemPath}.statement", $"unknown statement '{statementId}'");
                    continue;
                }

                var span = Anchoring.InStatement(
                    statement.Source.Article.Text, statementId, statement.Statement.Start, statement.Statement.End, item.Exact, item.Prefix, item.Suffix, out var anchorProblem);
                if (span is null)
                {
                    Problem(source, $"{itemPath}.exact", anchorProblem!);
                    continue;
                }

                claim.Evidence.Add(new ClaimEvidence
                {
                    ClaimId = claim.Id,
                    Ordinal = e,
                    StatementId = statementId,
                    Start = span.Start,
                    End = span.End,
                    Text = span.Text,
                });
            }
        }

        private void ReadMentions(Source source, string path, CurationClaim dto, ClaimedFact claim)
        {
            var mentions = dto.Mentions ?? [];
            for (var m = 0; m < mentions.Count; m++)
            {
                if (!RequireEntity(source, $"{path}.mentions[{m}]", mentions[m]))
                {
                    continue;
                }

                if (claim.Mentions.Any(x => x.EntityId == mentions[m]))
                {
                    Problem(source, $"{path}.mentions[{m}]", $"entity '{mentions[m]}' is mentioned twice");
                    continue;
                }

                claim.Mentions.Add(new ClaimMention { ClaimId = claim.Id, EntityId = mentions[m] });
            }
        }

        private void ReadQualifiers(Source source, string path, CurationClaim dto, ClaimedFact claim)
        {
            var qualifiers = dto.Qualifiers ?? [];
            for (var q = 0; q < qualifiers.Count; q++)
            {
                var item = qualifiers[q];
                var itemPath = $"{path}.qualifiers[{q}]";
                var name = Required(source, $"{itemPath}.name", item.Name, Limits.QualifierName);
                var value = Required(source, $"{itemPath}.value", item.Value, Limits.QualifierValue);
                var entityOk = item.Entity is null || RequireEntity(source, $"{itemPath}.entity", item.Entity);
                if (name is not null && value is not null && entityOk)
                {
                    claim.Qualifiers.Add(new ClaimQualifier { ClaimId = claim.Id, Ordinal = q, Name = name, Value = value, EntityId = item.Entity });
                }
            }
        }

        private void CheckClaimLinks()
        {
            foreach (var (claim, source) in _claims.Values)
            {
                var index = source.Curation.Claims!.FindIndex(c => c.Id == claim.Id);
                var links = source.Curation.Claims[index].Links ?? [];
                for (var l = 0; l < links.Count; l++)
                {
                    var path = $"claims[{index}].links[{l}]";
                    var kindOk = ParseKind<ClaimLinkKind>(source, $"{path}.kind", links[l].Kind, out var kind);
                    var target = Required(source, $"{path}.claim", links[l].Claim);
                    if (target is null || !kindOk)
                    {
                        continue;
                    }

                    if (!_claims.ContainsKey(target))
                    {
                        Problem(source, $"{path}.claim", $"unknown claim '{target}'");
                    }
                    else if (target == claim.Id)
                    {
                        Problem(source, $"{path}.claim", "a claim cannot link to itself");
                    }
                    else if (claim.Links.Any(x => x.ToClaimId == target && x.Kind == kind))
                    {
                        Problem(source, path, $"the link {EnumNames.Of(kind)} '{target}' is listed twice");
                    }
                    else
                    {
                        claim.Links.Add(new ClaimLink { FromClaimId = claim.Id, ToClaimId = target, Kind = kind });
                    }
                }
            }
        }

        private bool ValidId(Source source, string path, [NotNullWhen(true)] string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                Problem(source, $"{path}.id", "the id is required");
                return false;
            }

            if (!Ids.IsValid(id))
            {
                Problem(source, $"{path}.id", $"'{id}' is not a valid id (lower-case letters, digits and '-', at most {Ids.MaxLength} characters, not starting with '-')");
                return false;
            }

            return true;
        }

        private bool RequireEntity(Source source, string path, string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                Problem(source, path, "an entity id is required");
                return false;
            }

            if (!_entities.ContainsKey(id))
            {
                Problem(source, path, $"unknown entity '{id}'");
                return false;
            }

            return true;
        }

        private string? Required(Source source, string path, string? value, int maxLength = int.MaxValue)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(source, path, "a value is required");
                return null;
            }

            return Optional(source, path, value, maxLength);
        }

        private string? Optional(Source source, string path, string? value, int maxLength)
        {
            if (value is not null && value.Length > maxLength)
            {
                Problem(source, path, $"the value is {value.Length} characters long; at most {maxLength} are stored");
                return null;
            }

            return value;
        }

        private bool ParseKind<TEnum>(Source source, string path, string? value, out TEnum kind) where TEnum : struct, Enum
        {
            if (EnumNames.TryParse(value, out kind))
            {
                return true;
            }

            var noun = path[(path.LastIndexOf('.') + 1)..];
            Problem(source, path, value is null
                ? $"a {noun} is required: one of {string.Join(", ", EnumNames.All<TEnum>())}"
                : $"unknown {noun} '{value}': expected one of {string.Join(", ", EnumNames.All<TEnum>())}");
            return false;
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

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string Clean(string message) => message.Replace(Environment.NewLine, " ", StringComparison.Ordinal);

    [GeneratedRegex(@"Property '(?<key>[^']+)' not found on type", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownKey();
}
