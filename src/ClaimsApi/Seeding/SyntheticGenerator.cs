using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Seeding;

/// <summary>What the <c>generate</c> command was asked for.</summary>
internal sealed record SyntheticOptions(int Claims, int Seed)
{
    public const int MaxClaims = 5_000_000;
    public const int DefaultSeed = 42;

    public const string Usage = """
        Usage: ClaimsApi generate --claims N [--seed S]

          --claims N   how many claims to generate, 1 to 5000000
          --seed S     seed of the pseudo-random stream (default 42): the same N and S give the same rows

        Fills the configured database (Database:Provider, Database:ConnectionString) with a synthetic news base:
        about N/10 articles, 2N statements, N claims with evidence, mentions, qualifiers and links, and up to
        20000 entities with aliases; then rebuilds the search index. Migrations are applied first. Generated ids
        start with "syn-" and have no seed file, so the seeds import leaves them alone. A database that already
        holds synthetic rows is refused: generate into a new one.
        """;

    /// <summary>Parses the arguments after <c>generate</c>: <c>--claims N</c> (required) and <c>--seed S</c>, also as <c>--name=value</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SyntheticOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        int? claims = null;
        var seed = DefaultSeed;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (name is not ("--claims" or "--seed"))
            {
                error = $"Unknown argument '{arg}'.";
                return false;
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                error = $"{name} needs a value.";
                return false;
            }

            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                error = $"{name} must be a whole number, not '{value}'.";
                return false;
            }

            if (name == "--claims")
            {
                if (number is < 1 or > MaxClaims)
                {
                    error = $"--claims must be between 1 and {MaxClaims}, not {number}.";
                    return false;
                }

                claims = number;
            }
            else
            {
                seed = number;
            }
        }

        if (claims is null)
        {
            error = "--claims is required.";
            return false;
        }

        options = new SyntheticOptions(claims.Value, seed);
        error = null;
        return true;
    }
}

/// <summary>How many rows a run wrote and how long it took.</summary>
internal sealed record SyntheticSummary(
    int Entities, int Aliases, int Articles, int Paragraphs, int Statements, int Claims,
    int Evidence, int Mentions, int Qualifiers, int Links, TimeSpan Insert, TimeSpan Index)
{
    public long Rows => (long)Entities + Aliases + Articles + Paragraphs + Statements + Claims + Evidence + Mentions + Qualifiers + Links;
}

/// <summary>The <c>generate</c> command: parse, check the database, generate, report.</summary>
internal static class SyntheticCommand
{
    /// <returns>The process exit code: 0 done, 1 refused, 2 bad arguments.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!SyntheticOptions.TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync();
            await error.WriteLineAsync(SyntheticOptions.Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var where = scope.ServiceProvider.GetRequiredService<PersistenceServices.ResolvedDatabase>().Describe();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generating {options.Claims:N0} claims (seed {options.Seed}) into the {where}"));
        await db.MigrateExclusivelyAsync(cancellationToken);
        if (await SyntheticGenerator.HoldsSyntheticRowsAsync(db, cancellationToken))
        {
            await error.WriteLineAsync("The database already holds synthetic rows (ids starting with \"syn-\"); generate into a new database (delete the SQLite file, or DROP DATABASE) instead.");
            return 1;
        }

        await SyntheticGenerator.GenerateAsync(db, options, output, cancellationToken);
        return 0;
    }
}

/// <summary>
/// Makes a realistic synthetic knowledge base for scale tests (issue #4): entities with aliases (some names
/// non-ASCII, one outside the Basic Multilingual Plane), news-like articles in the seed layout with paragraph
/// spans, statements that are exact spans of their articles, and claims with evidence inside those statements,
/// mentions, qualifiers and links. Everything comes from one <see cref="Random"/> seeded with
/// <see cref="SyntheticOptions.Seed"/>, so a run is reproducible. Rows are written with raw ADO.NET (prepared
/// inserts on SQLite, binary COPY on PostgreSQL) rather than EF change tracking, then the search index is rebuilt once.
/// </summary>
internal sealed class SyntheticGenerator
{
    public const string IdPrefix = "syn-";
    private const int ArticlesPerBatch = 1000;
    private static readonly DateOnly FirstDay = new(2015, 1, 1);
    private static readonly DateOnly LastDay = new(2026, 10, 31);

    private readonly SyntheticOptions _options;
    private readonly Random _random;
    private Cast _all = null!;
    private int _statementCount;
    private int _claimCount;
    private int _articleCount;

    public SyntheticGenerator(SyntheticOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>True when any generated row is already there (a second run would collide).</summary>
    public static async Task<bool> HoldsSyntheticRowsAsync(ClaimsDbContext db, CancellationToken ct) =>
        await db.Entities.AnyAsync(e => e.Id.StartsWith(IdPrefix), ct)
        || await db.Articles.AnyAsync(a => a.Id.StartsWith(IdPrefix), ct)
        || await db.Claims.AnyAsync(c => c.Id.StartsWith(IdPrefix), ct);

    /// <summary>Generates and writes the base, rebuilds the search index, and reports progress to <paramref name="progress"/>.</summary>
    public static async Task<SyntheticSummary> GenerateAsync(ClaimsDbContext db, SyntheticOptions options, TextWriter progress, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var connectionString = db.Database.GetConnectionString()!;
        var counts = new int[Tables.All.Length];

        // Generation runs on its own thread, a couple of batches ahead, while this one writes.
        // A failed write cancels the producer, which would otherwise wait forever for room in the channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<SyntheticBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in new SyntheticGenerator(options).Batches())
                {
                    await channel.Writer.WriteAsync(batch, stop.Token);
                }

                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            await using var writer = db.Database.IsNpgsql()
                ? await PostgresBatchWriter.OpenAsync(connectionString, ct)
                : (IBatchWriter)await SqliteBatchWriter.OpenAsync(connectionString, ct);
            var nextReport = 100_000;
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                await writer.WriteAsync(batch, ct);
                for (var t = 0; t < counts.Length; t++)
                {
                    counts[t] += batch.Rows[t].Count;
                }

                if (counts[Tables.Claims.Ordinal] >= nextReport || counts[Tables.Claims.Ordinal] == options.Claims)
                {
                    var claims = counts[Tables.Claims.Ordinal];
                    nextReport = (claims / 100_000 + 1) * 100_000;
                    await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {claims,9:N0} claims ({100.0 * claims / options.Claims,5:F1} %), {counts[Tables.Articles.Ordinal]:N0} articles, {counts[Tables.Statements.Ordinal]:N0} statements, {counts.Sum(c => (long)c):N0} rows: {total.Elapsed.TotalSeconds:F1} s"));
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }

        await producer;
        var insert = total.Elapsed;
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Inserted {counts.Sum(c => (long)c):N0} rows in {insert.TotalSeconds:F1} s; rebuilding the search index…"));

        var index = Stopwatch.StartNew();
        await RebuildSearchIndexAsync(db, ct);
        index.Stop();

        var summary = new SyntheticSummary(
            counts[Tables.Entities.Ordinal], counts[Tables.EntityAliases.Ordinal], counts[Tables.Articles.Ordinal],
            counts[Tables.Paragraphs.Ordinal], counts[Tables.Statements.Ordinal], counts[Tables.Claims.Ordinal],
            counts[Tables.Evidence.Ordinal], counts[Tables.Mentions.Ordinal], counts[Tables.Qualifiers.Ordinal],
            counts[Tables.Links.Ordinal], insert, index.Elapsed);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Search index rebuilt in {index.Elapsed.TotalSeconds:F1} s. Done in {total.Elapsed.TotalSeconds:F1} s: {summary.Entities:N0} entities ({summary.Aliases:N0} aliases), {summary.Articles:N0} articles ({summary.Paragraphs:N0} paragraphs), {summary.Statements:N0} statements, {summary.Claims:N0} claims ({summary.Evidence:N0} evidence, {summary.Mentions:N0} mentions, {summary.Qualifiers:N0} qualifiers, {summary.Links:N0} links)."));
        return summary;
    }

    /// <summary>
    /// The index is rebuilt in one transaction, like the seed import does it, but with no command timeout: at a
    /// million claims it takes minutes, far over the providers' 30 s default.
    /// </summary>
    private static async Task RebuildSearchIndexAsync(ClaimsDbContext db, CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(6));
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async token =>
            {
                await db.Database.OpenConnectionAsync(token);
                try
                {
                    if (db.Database.IsSqlite())
                    {
                        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", token);
                    }

                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    await db.RebuildSearchIndexAsync(token);
                    await transaction.CommitAsync(token);
                    if (db.Database.IsSqlite())
                    {
                        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", token);
                    }
                    else
                    {
                        await db.Database.ExecuteSqlRawAsync("ANALYZE", token);
                    }
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }, ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>The rows, in batches of <see cref="ArticlesPerBatch"/> articles; the entities come in the first batch.</summary>
    public IEnumerable<SyntheticBatch> Batches()
    {
        var batch = new SyntheticBatch();
        _all = CreateEntities(batch);
        var remaining = _options.Claims;
        var articlesInBatch = 0;
        while (remaining > 0)
        {
            var claims = Math.Min(remaining, 5 + _random.Next(11));
            AddArticle(batch, claims);
            remaining -= claims;
            if (++articlesInBatch == ArticlesPerBatch)
            {
                yield return batch;
                batch = new SyntheticBatch();
                articlesInBatch = 0;
            }
        }

        if (articlesInBatch > 0 || batch.Rows.Any(r => r.Count > 0))
        {
            yield return batch;
        }
    }

    private static string Id(string kind, int number, int digits) =>
        IdPrefix + kind + "-" + number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');

    // ---- Entities -------------------------------------------------------------------------------------------

    private Cast CreateEntities(SyntheticBatch batch)
    {
        var total = Math.Clamp(_options.Claims / 50, 300, 20_000);
        var cast = new Cast();
        var numbers = new Dictionary<EntityKind, int>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        SynEntity Add(EntityKind kind, string name, IEnumerable<string> aliases, string description, string? partOf = null, string? role = null)
        {
            numbers[kind] = numbers.GetValueOrDefault(kind) + 1;
            var entity = new SynEntity(
                Id(EnumNames.Of(kind), numbers[kind], 5), name, kind,
                [.. aliases.Where(a => a != name).Distinct(StringComparer.Ordinal).Take(4)], role ?? name);
            names.Add(name);
            batch.Add(Tables.Entities, entity.Id, name, TextFolding.Fold(name), kind.ToString(), description, partOf);
            foreach (var alias in entity.Aliases)
            {
                batch.Add(Tables.EntityAliases, entity.Id, alias, TextFolding.Fold(alias));
            }

            return entity;
        }

        var publications = Math.Clamp(total / 300, 8, 60);
        for (var i = 0; i < publications; i++)
        {
            var town = i < Vocabulary.RealPlaces.Length ? Vocabulary.RealPlaces[i].Split('|')[0] : UniqueTownName(names);
            var name = $"The {town} {Pick(Vocabulary.Mastheads)}";
            if (!names.Add(name))
            {
                name = $"The {UniqueTownName(names)} {Pick(Vocabulary.Mastheads)}";
            }

            cast.Publications.Add(Add(EntityKind.Publication, name, [name[4..], Acronym(name[4..])], "A synthetic news outlet."));
        }

        foreach (var line in Vocabulary.States)
        {
            var parts = line.Split('|');
            var state = Add(EntityKind.State, parts[0], parts[1].Split(';'), $"A state (synthetic data; real name, invented events). Capital: {parts[2]}.");
            cast.States.Add(state);
            cast.ArmedForces.Add(Add(EntityKind.ArmedForces, $"Armed Forces of {parts[0]}",
                [$"{parts[0]} armed forces", $"{parts[0]} military", $"{parts[0]} troops"], $"The armed forces of {parts[0]} (synthetic).", state.Id));
        }

        foreach (var line in Vocabulary.RealPlaces)
        {
            var parts = line.Split('|');
            cast.Places.Add(Add(EntityKind.Place, parts[0], parts[1].Split(';'), "A city (synthetic data; real name, invented events)."));
        }

        foreach (var line in Vocabulary.FamousPeople)
        {
            var parts = line.Split('|');
            cast.People.Add(Add(EntityKind.Person, parts[0], parts[1].Split(';'), $"{Capitalise(parts[2])} (synthetic quotes and claims).", role: parts[2]));
        }

        foreach (var line in Vocabulary.FamousOrganisations)
        {
            var parts = line.Split('|');
            cast.Organisations.Add(Add(EntityKind.Organisation, parts[0], parts[1].Split(';'), "An organisation (synthetic)."));
        }

        var rest = Math.Max(0, total - numbers.Values.Sum());
        var places = rest * 12 / 100;
        var organisations = rest * 25 / 100;
        var treaties = Math.Max(3, rest * 3 / 100);
        var treatyArticles = Math.Max(3, rest * 2 / 100);
        var events = Math.Max(3, rest * 2 / 100);
        var documents = Math.Max(3, rest / 100);
        var people = Math.Max(10, rest - places - organisations - treaties - treatyArticles - events - documents);

        for (var i = 0; i < places; i++)
        {
            var name = UniqueTownName(names);
            var state = Pick(cast.States);
            var aliases = Some([$"{name} region", $"{name} district", $"Greater {name}", $"{name} municipality"], 1, 3);
            cast.Places.Add(Add(EntityKind.Place, name, aliases, $"A town in {state.Name} (invented).", state.Id));
        }

        for (var i = 0; i < organisations; i++)
        {
            var (name, aliases) = OrganisationName(cast, names);
            cast.Organisations.Add(Add(EntityKind.Organisation, name, aliases, "An organisation (invented)."));
        }

        for (var i = 0; i < people; i++)
        {
            string first, last, name;
            do
            {
                first = Pick(Vocabulary.FirstNames);
                last = Pick(Vocabulary.Surnames);
                name = $"{first} {last}";
            }
            while (names.Contains(name));

            var (role, title) = PersonRole(cast);
            var initial = first[..(char.IsSurrogate(first[0]) ? 2 : 1)];
            var middle = (char)('A' + _random.Next(26));
            var aliases = Some([$"{initial}. {last}", $"{title} {last}", $"{first} {middle}. {last}", $"{title} {first} {last}"], 1, 4);
            cast.People.Add(Add(EntityKind.Person, name, aliases, $"{Capitalise(role)} (invented).", role: role));
        }

        for (var i = 0; i < treaties; i++)
        {
            var topic = Pick(Vocabulary.Topics);
            var place = Skewed(cast.Places);
            var (name, aliases) = _random.Next(3) switch
            {
                0 => ($"{place.Name} Accord on {Capitalise(topic)}", new[] { $"the {place.Name} Accord", $"{place.Name} accord", $"{topic} accord" }),
                1 => ($"{Pick(cast.States).Name}–{Pick(cast.States).Name} {Capitalise(topic)} Agreement", [$"{topic} agreement", $"bilateral {topic} agreement"]),
                _ => ($"Treaty of {place.Name} on {Capitalise(topic)}", [$"Treaty of {place.Name}", $"{place.Name} treaty"]),
            };
            if (!names.Add(name))
            {
                name += $" ({2015 + _random.Next(12)})";
            }

            cast.Treaties.Add(Add(EntityKind.Treaty, name, Some(aliases, 1, 3), "A treaty (invented)."));
        }

        for (var i = 0; i < treatyArticles; i++)
        {
            var treaty = cast.Treaties[i % cast.Treaties.Count];
            var number = 1 + (i / cast.Treaties.Count);
            cast.TreatyArticles.Add(Add(EntityKind.TreatyArticle, $"Article {number} of the {treaty.Name}",
                [$"Article {number}", $"Article {number} of the {treaty.Aliases[0]}"], $"Article {number} of the {treaty.Name} (invented).", treaty.Id));
        }

        for (var i = 0; i < events; i++)
        {
            var place = Skewed(cast.Places);
            var year = 2015 + _random.Next(12);
            var what = Pick(Vocabulary.EventNouns);
            var name = $"{year} {place.Name} {what}";
            if (!names.Add(name))
            {
                name = $"{name} ({i})";
            }

            cast.Events.Add(Add(EntityKind.Event, name, [$"{place.Name} {what}", $"the {what} in {place.Name}"], "An event (invented)."));
        }

        for (var i = 0; i < documents; i++)
        {
            var organisation = Skewed(cast.Organisations);
            var year = 2015 + _random.Next(12);
            var name = $"{organisation.Name} {Pick(Vocabulary.DocumentNouns)} {year}";
            if (!names.Add(name))
            {
                name = $"{name} ({i})";
            }

            cast.Documents.Add(Add(EntityKind.Document, name, [$"{organisation.Aliases[0]} report {year}"], "A document (invented)."));
        }

        return cast;
    }

    private string UniqueTownName(HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = Pick(Vocabulary.TownStarts) + Pick(Vocabulary.TownEnds);
            if (attempt > 20)
            {
                name = Pick(Vocabulary.TownPrefixes) + " " + name;
            }

            if (taken.Add(name))
            {
                return name;
            }
        }
    }

    private (string Name, string[] Aliases) OrganisationName(Cast cast, HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var root = _random.Next(2) == 0 ? Pick(cast.Places).Name : Pick(Vocabulary.Surnames);
            var topic = Capitalise(Pick(Vocabulary.Topics));
            var state = Skewed(cast.States).Name;
            (string Name, string[] Aliases) candidate = _random.Next(10) switch
            {
                < 4 => ($"{root} {Pick(Vocabulary.Industries)} {Pick(Vocabulary.CompanySuffixes)}", []),
                < 6 => ($"Ministry of {topic} of {state}", [$"{state} {topic} Ministry", $"{state}'s Ministry of {topic}"]),
                < 7 => ($"{root} Union of {Pick(Vocabulary.Workers)}", []),
                < 8 => ($"Institute for {topic} Studies", [$"{topic} Institute"]),
                < 9 => ($"{Pick(Vocabulary.Adjectives)} Council for {topic}", []),
                _ => ($"{root} Chamber of Commerce", [$"{root} chamber"]),
            };
            if (candidate.Name.StartsWith("Institute", StringComparison.Ordinal) || candidate.Name.Contains("Council", StringComparison.Ordinal))
            {
                candidate.Name = $"{candidate.Name} of {state}";
            }

            if (taken.Contains(candidate.Name) && attempt < 20)
            {
                continue;
            }

            if (taken.Contains(candidate.Name))
            {
                candidate.Name += $" {attempt}";
            }

            var words = candidate.Name.Split(' ');
            var shortName = words.Length > 2 ? string.Join(' ', words[..^1]) : candidate.Name;
            string[] aliases = [Acronym(candidate.Name), .. candidate.Aliases, shortName];
            return (candidate.Name, Some(aliases, 1, 3));
        }
    }

    private (string Role, string Title) PersonRole(Cast cast)
    {
        var state = Skewed(cast.States).Name;
        return _random.Next(10) switch
        {
            0 => ($"the prime minister of {state}", "Prime Minister"),
            1 => ($"the {Pick(Vocabulary.Topics)} minister of {state}", "Minister"),
            2 => ($"a senator from {Pick(cast.Places).Name}", "Senator"),
            3 => ($"the mayor of {Pick(cast.Places).Name}", "Mayor"),
            4 => ($"the governor of {Pick(cast.Places).Name}", "Governor"),
            5 => ($"a spokesperson for {Pick(cast.Organisations).Name}", "spokesperson"),
            6 => ($"the chief executive of {Pick(cast.Organisations).Name}", "CEO"),
            7 => ($"an economist at {Pick(cast.Organisations).Name}", "Dr"),
            8 => ($"a lawmaker from {Pick(cast.Places).Name}", "MP"),
            _ => ($"a general of the armed forces of {state}", "General"),
        };
    }

    private static string Acronym(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("of" or "for" or "the" or "and" or "on") && char.IsLetter(w[0]))
            .Select(w => char.ToUpperInvariant(w[0])));

    // ---- Articles -------------------------------------------------------------------------------------------

    private void AddArticle(SyntheticBatch batch, int claimCount)
    {
        var articleId = Id("article", ++_articleCount, 7);
        var publishedOn = FirstDay.AddDays(_random.Next(LastDay.DayNumber - FirstDay.DayNumber + 1));
        var publisher = Skewed(_all.Publications);
        var cast = new ArticleCast(
            Skewed(_all.States), Skewed(_all.Places),
            [.. Enumerable.Range(0, 2 + _random.Next(3)).Select(_ => Skewed(_all.People)).Distinct()],
            [.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Skewed(_all.Organisations)).Distinct()],
            Skewed(_all.Treaties), publisher, publishedOn);

        var claims = new List<DraftClaim>(claimCount);
        for (var i = 0; i < claimCount; i++)
        {
            claims.Add(NewClaim(cast));
        }

        // Body sentences: one carrying each claim, reactions and notes (about as many again as claims, less
        // the lead and partial quotes, so that statements ≈ 2 × claims), and some background without statements.
        var sentences = new List<Sentence>();
        var statementsSoFar = 1;
        for (var i = 0; i < claims.Count; i++)
        {
            var sentence = ClaimSentence(claims[i], i, cast);
            sentences.Add(sentence);
            statementsSoFar += 1 + sentence.Statements.Count(s => s.Kind == StatementKind.PartialQuote);
        }

        var target = 2 * claimCount - 1 + _random.Next(3);
        while (statementsSoFar < target)
        {
            sentences.Insert(1 + _random.Next(sentences.Count), _random.Next(3) == 0 ? NoteSentence(cast) : ReactionSentence(cast));
            statementsSoFar++;
        }

        for (var i = _random.Next(1 + (claimCount / 3)); i > 0; i--)
        {
            sentences.Insert(_random.Next(sentences.Count + 1), BackgroundSentence(cast));
        }

        var lead = LeadSentence(claims[0], cast);
        var title = Title(claims[0]);

        // Assemble the text in the seed layout, tracking each sentence's position in code points.
        var text = new StringBuilder(4096);
        var codePoints = 0;
        void Append(string value)
        {
            text.Append(value);
            codePoints += CodePointCount(value);
        }

        var paragraphs = new List<(ParagraphRole Role, int Start, int End, string Text, string? Artifact)>();
        var placed = new List<(Sentence Sentence, int CodePoint)>();
        Append(" date " + publishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " ");
        placed.Add((lead, codePoints));
        var leadStart = codePoints;
        Append(lead.Text);
        paragraphs.Add((ParagraphRole.Lead, leadStart, codePoints, lead.Text, null));
        Append("\n\n");
        var titleStart = codePoints;
        Append(title);
        paragraphs.Add((ParagraphRole.Title, titleStart, codePoints, title, null));

        for (var i = 0; i < sentences.Count;)
        {
            var take = Math.Min(sentences.Count - i, 1 + _random.Next(3));
            Append("\n\n");
            var start = codePoints;
            var paragraph = new StringBuilder();
            for (var j = 0; j < take; j++)
            {
                if (j > 0)
                {
                    Append(" ");
                    paragraph.Append(' ');
                }

                placed.Add((sentences[i + j], codePoints));
                Append(sentences[i + j].Text);
                paragraph.Append(sentences[i + j].Text);
            }

            // Now and then a scraped "Share" button after the paragraph: in the text, outside the paragraph's span.
            var end = codePoints;
            string? artifact = null;
            if (_random.Next(50) == 0)
            {
                artifact = "Share";
                Append(" Share");
            }

            paragraphs.Add((ParagraphRole.Body, start, end, paragraph.ToString(), artifact));
            i += take;
        }

        var articleText = text.ToString();
        batch.Add(Tables.Articles, articleId, title, lead.Text, publishedOn, nameof(DatePrecision.Day), articleText, "en", publisher.Id,
            $"https://{Slug(publisher.Name)}.example/{publishedOn.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/{articleId}",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(articleText))));
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            batch.Add(Tables.Paragraphs, articleId, i, p.Role.ToString(), p.Start, p.End, p.Text, p.Artifact);
        }

        // Statements in text order (a parent before its partial quotes), then the claims with their evidence.
        var evidence = new (string StatementId, int Start, int End, string Text)[claims.Count];
        foreach (var (sentence, at) in placed)
        {
            var ids = new string[sentence.Statements.Count];
            for (var s = 0; s < sentence.Statements.Count; s++)
            {
                var draft = sentence.Statements[s];
                ids[s] = Id("statement", ++_statementCount, 8);
                var start = at + CodePointCount(sentence.Text.AsSpan(0, draft.Start));
                var end = start + CodePointCount(sentence.Text.AsSpan(draft.Start, draft.End - draft.Start));
                batch.Add(Tables.Statements, ids[s], articleId, draft.Speaker.Id, draft.Kind.ToString(), draft.Cue,
                    sentence.Text[draft.Start..draft.End], start, end, draft.Parent is { } parent ? ids[parent] : null, draft.Source?.Id);
                if (draft.Claim is { } claim)
                {
                    var evidenceStart = at + CodePointCount(sentence.Text.AsSpan(0, draft.EvidenceStart));
                    var evidenceEnd = evidenceStart + CodePointCount(sentence.Text.AsSpan(draft.EvidenceStart, draft.EvidenceEnd - draft.EvidenceStart));
                    evidence[claim] = (ids[s], evidenceStart, evidenceEnd, sentence.Text[draft.EvidenceStart..draft.EvidenceEnd]);
                }
            }
        }

        var firstClaim = _claimCount + 1;
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            var id = Id("claim", ++_claimCount, 7);
            batch.Add(Tables.Claims, id, claim.Text, claim.Claimant.Id, claim.Kind.ToString(), claim.ClaimedOn,
                claim.Subject, claim.Predicate, claim.Object, claim.Status.ToString(), articleId);
            var (statementId, start, end, quote) = evidence[i];
            batch.Add(Tables.Evidence, id, 0, statementId, start, end, quote);
            foreach (var entity in claim.Mentions)
            {
                batch.Add(Tables.Mentions, id, entity.Id);
            }

            for (var q = 0; q < claim.Qualifiers.Count; q++)
            {
                var (name, value, entity) = claim.Qualifiers[q];
                batch.Add(Tables.Qualifiers, id, q, name, value, entity?.Id);
            }

            // Links always point back, to a claim already written: within the article (refines/supports) or anywhere before.
            string? local = null;
            if (i > 0 && _random.Next(4) == 0)
            {
                local = Id("claim", firstClaim + _random.Next(i), 7);
                batch.Add(Tables.Links, id, local, (_random.Next(2) == 0 ? ClaimLinkKind.Refines : ClaimLinkKind.Supports).ToString());
            }

            if (_claimCount > 1 && _random.Next(25) == 0)
            {
                var other = Id("claim", 1 + _random.Next(_claimCount - 1), 7);
                if (other != local)
                {
                    batch.Add(Tables.Links, id, other, (_random.Next(3) == 0 ? ClaimLinkKind.SameAs : ClaimLinkKind.Contradicts).ToString());
                }
            }
        }
    }

    private DraftClaim NewClaim(ArticleCast cast)
    {
        var roll = _random.Next(100);
        var kind = roll switch
        {
            < 55 => ClaimKind.Factual,
            < 70 => ClaimKind.Prediction,
            < 80 => ClaimKind.Causal,
            < 88 => ClaimKind.Legal,
            _ => ClaimKind.Opinion,
        };

        var speaker = _random.Next(100) switch
        {
            < 45 => Pick(cast.People),
            < 72 => Pick(cast.Organisations),
            < 90 => cast.State,
            _ => cast.Publisher,
        };

        var mentioned = new List<SynEntity>();
        var qualifiers = new List<(string, string, SynEntity?)>();
        Phrase subject, @object;
        string predicate, reportedPredicate, baseForm = "";
        switch (kind)
        {
            case ClaimKind.Factual or ClaimKind.Prediction:
            {
                var action = Pick(Vocabulary.Actions);
                var parts = action.Split('|');
                var actor = _random.Next(3) == 0 && speaker.Kind != EntityKind.Publication ? speaker : Actor(cast, military: parts[0] == "m");
                subject = Phrase.Of(actor);
                @object = Fill(parts[3], cast, mentioned);
                baseForm = parts[1];
                if (kind == ClaimKind.Prediction)
                {
                    var when = _random.Next(2) == 0 ? $" by {cast.PublishedOn.Year + 1 + _random.Next(3)}" : $" before {Pick(Vocabulary.Months)}";
                    @object = @object.Append(when);
                    predicate = "will " + parts[1];
                    reportedPredicate = "would " + parts[1];
                }
                else
                {
                    predicate = reportedPredicate = parts[2];
                }

                break;
            }

            case ClaimKind.Causal:
                subject = Fill(Pick(Vocabulary.Causes), cast, mentioned);
                predicate = reportedPredicate = Pick(Vocabulary.CausalVerbs);
                @object = Fill(Pick(Vocabulary.Effects), cast, mentioned);
                break;

            case ClaimKind.Legal:
            {
                var treaty = _random.Next(4) == 0 ? Pick(_all.TreatyArticles) : cast.Treaty;
                subject = _random.Next(3) == 0
                    ? Fill($"the {Pick(Vocabulary.Topics)} law of {{state}}", cast, mentioned)
                    : Phrase.Of(Actor(cast, military: false));
                predicate = reportedPredicate = subject.Entity is null ? Pick(Vocabulary.LegalStates) : Pick(Vocabulary.LegalActs);
                @object = Phrase.Of(treaty);
                qualifiers.Add(("legal-basis", treaty.Name, treaty));
                break;
            }

            default:
                subject = Fill(Pick(Vocabulary.OpinionSubjects), cast, mentioned);
                predicate = reportedPredicate = cast.PublishedOn.Day % 2 == 0 ? "is" : "was";
                @object = Fill(Pick(Vocabulary.Judgements), cast, mentioned);
                break;
        }

        if (subject.Entity is { } s)
        {
            mentioned.Insert(0, s);
        }

        if (@object.Entity is { } o)
        {
            mentioned.Add(o);
        }

        if (speaker.Kind != EntityKind.Publication)
        {
            mentioned.Add(speaker);
        }

        mentioned.Add(cast.State);
        mentioned.Add(cast.Place);
        var mentions = mentioned.Distinct().Take(2 + _random.Next(3)).ToList();

        if (mentions.FirstOrDefault(m => m.Kind == EntityKind.Place) is { } place && _random.Next(2) == 0)
        {
            qualifiers.Add(("location", place.Name, place));
        }

        if (_random.Next(6) == 0)
        {
            qualifiers.Add(("time", cast.PublishedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture), null));
        }

        var status = _random.Next(100) switch
        {
            < 86 => VerificationStatus.Unverified,
            < 89 => VerificationStatus.True,
            < 91 => VerificationStatus.MostlyTrue,
            < 93 => VerificationStatus.Mixture,
            < 95 => VerificationStatus.MostlyFalse,
            < 98 => VerificationStatus.False,
            _ => VerificationStatus.Unproven,
        };

        var claimedOn = _random.Next(10) == 0 ? cast.PublishedOn.AddDays(-1 - _random.Next(3)) : cast.PublishedOn;
        var subjectText = subject.Render(e => e.Name);
        var objectText = @object.Render(e => e.Name);
        var text = $"{Capitalise(subjectText)} {predicate} {objectText}.";
        return new DraftClaim(kind, speaker, subject, predicate, reportedPredicate, baseForm, @object, text, subjectText, objectText,
            claimedOn, status, mentions, qualifiers);
    }

    private SynEntity Actor(ArticleCast cast, bool military)
    {
        if (military)
        {
            return _random.Next(2) == 0 ? cast.State : _all.ArmedForces[_all.States.IndexOf(cast.State)];
        }

        return _random.Next(3) switch
        {
            0 => Pick(cast.People),
            1 => Pick(cast.Organisations),
            _ => cast.State,
        };
    }

    /// <summary>Fills a template's slots: entities from the article's cast (mostly) or anywhere, and numbers.</summary>
    private Phrase Fill(string template, ArticleCast cast, List<SynEntity> mentioned)
    {
        var parts = new List<Part>();
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            if (open < 0)
            {
                parts.Add(new Part(template[at..], null));
                break;
            }

            if (open > at)
            {
                parts.Add(new Part(template[at..open], null));
            }

            var close = template.IndexOf('}', open);
            var slot = template[(open + 1)..close];
            at = close + 1;
            var entity = slot switch
            {
                "place" => _random.Next(10) < 6 ? cast.Place : Skewed(_all.Places),
                "state" => _random.Next(10) < 4 ? cast.State : Skewed(_all.States),
                "org" => _random.Next(10) < 7 ? Pick(cast.Organisations) : Skewed(_all.Organisations),
                "person" => _random.Next(10) < 7 ? Pick(cast.People) : Skewed(_all.People),
                "event" => Skewed(_all.Events),
                _ => null,
            };
            if (entity is not null)
            {
                mentioned.Add(entity);
                parts.Add(new Part(null, entity));
                continue;
            }

            parts.Add(new Part(slot switch
            {
                "topic" => Pick(Vocabulary.Topics),
                "commodity" => Pick(Vocabulary.Commodities),
                "facility" => Pick(Vocabulary.Facilities),
                "infra" => Pick(Vocabulary.Infrastructure),
                "pct" => _random.Next(3) == 0 ? $"{1 + _random.Next(60)}%" : $"{1 + _random.Next(60)} per cent",
                "count" => Count(),
                "tonnes" => $"{Count()} tonnes",
                "km" => $"{5 + _random.Next(400)} kilometres",
                "money" => Money(),
                "year" => (cast.PublishedOn.Year + _random.Next(4)).ToString(CultureInfo.InvariantCulture),
                "month" => Pick(Vocabulary.Months),
                "weekday" => Pick(Vocabulary.Weekdays),
                _ => throw new InvalidOperationException($"Unknown slot {{{slot}}} in '{template}'."),
            }, null));
        }

        return new Phrase(parts, parts.Count == 1 ? parts[0].Entity : null);
    }

    private string Count()
    {
        var magnitude = _random.Next(4);
        var value = magnitude switch
        {
            0 => 2 + _random.Next(48),
            1 => 50 + _random.Next(950),
            2 => 1_000 + _random.Next(9_000),
            _ => 10_000 + _random.Next(490_000),
        };
        return value.ToString("N0", CultureInfo.InvariantCulture);
    }

    private string Money() => _random.Next(5) switch
    {
        0 => $"{1 + _random.Next(900)} million euros",
        1 => $"{1 + _random.Next(900)} million dollars",
        2 => string.Create(CultureInfo.InvariantCulture, $"{1 + _random.Next(40)}.{_random.Next(10)} billion dollars"),
        3 => $"£{1 + _random.Next(500)} million",
        _ => $"€{1 + _random.Next(500)} million",
    };

    // ---- Sentences ------------------------------------------------------------------------------------------

    /// <summary>The sentence that carries claim <paramref name="index"/>, in one of several attributions.</summary>
    private Sentence ClaimSentence(DraftClaim claim, int index, ArticleCast cast)
    {
        var speaker = claim.Claimant;
        var text = new StringBuilder();
        var statements = new List<DraftStatement>();

        if (speaker.Kind == EntityKind.Publication)
        {
            // The publication's own assertion: the whole sentence is the statement.
            var subject = Capitalise(claim.SubjectPhrase.Render(Mention));
            text.Append(subject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.Predicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var evidenceEnd = text.Length;
            if (_random.Next(2) == 0)
            {
                text.Append(", ").Append(Pick(Vocabulary.Sourcing));
            }

            text.Append('.');
            var wholeSentence = _random.Next(2) == 0;
            statements.Add(new DraftStatement(StatementKind.PublisherNote, speaker, null, 0, text.Length, null, null, index,
                wholeSentence ? 0 : evidenceStart, wholeSentence ? text.Length : evidenceEnd));
            return new Sentence(text.ToString(), statements);
        }

        var quoteSubject = claim.SubjectPhrase.Entity == speaker ? "We" : Capitalise(claim.SubjectPhrase.Render(Mention));
        var form = _random.Next(100);
        if (form < 40)
        {
            // Reported speech: Speaker[, role,] said [on Monday] that subject predicate object[, a step that was "…"].
            text.Append(Capitalise(Mention(speaker)));
            if (speaker.Kind == EntityKind.Person && _random.Next(2) == 0)
            {
                text.Append(", ").Append(speaker.Role).Append(',');
            }

            var cue = Pick(claim.Kind is ClaimKind.Prediction or ClaimKind.Opinion ? Vocabulary.WarningCues : Vocabulary.Cues);
            if (_random.Next(3) == 0)
            {
                cue += " on " + Pick(Vocabulary.Weekdays);
            }

            cue += " that";
            text.Append(' ').Append(cue).Append(' ');
            var start = text.Length;
            text.Append(claim.SubjectPhrase.Entity != speaker ? claim.SubjectPhrase.Render(Mention) : speaker.Kind == EntityKind.Person ? "they" : "it").Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.ReportedPredicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var evidenceEnd = text.Length;
            var fragment = _random.Next(5) == 0 ? Pick(Vocabulary.Fragments) : null;
            int fragmentStart = 0, fragmentEnd = 0;
            if (fragment is not null)
            {
                text.Append(", a step ").Append(_random.Next(2) == 0 ? "that was " : "described as ").Append('"');
                fragmentStart = text.Length;
                text.Append(fragment);
                fragmentEnd = text.Length;
                text.Append('"');
            }

            var end = text.Length;
            text.Append('.');
            var whole = _random.Next(3) == 0;
            statements.Add(new DraftStatement(StatementKind.ReportedSpeech, speaker, cue, start, end, null, Source(), index,
                whole ? start : evidenceStart, whole ? end : evidenceEnd));
            if (fragment is not null)
            {
                statements.Add(new DraftStatement(StatementKind.PartialQuote, speaker, null, fragmentStart, fragmentEnd, 0, null, null, 0, 0));
            }
        }
        else if (form < 60)
        {
            // Trailing attribution: Subject predicate object, Speaker said [on Monday].
            var subject = Capitalise(claim.SubjectPhrase.Render(Mention));
            text.Append(subject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.ReportedPredicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var end = text.Length;
            var cue = Pick(Vocabulary.TrailingCues);
            text.Append(", ").Append(Mention(speaker)).Append(' ').Append(cue);
            if (_random.Next(2) == 0)
            {
                text.Append(" on ").Append(Pick(Vocabulary.Weekdays));
            }

            text.Append('.');
            var whole = _random.Next(3) == 0;
            statements.Add(new DraftStatement(StatementKind.ReportedSpeech, speaker, cue, 0, end, null, Source(), index, whole ? 0 : evidenceStart, end));
        }
        else if (form < 85)
        {
            // Direct quote first: "Subject predicate object," Speaker[, role,] said.
            text.Append('"');
            var start = text.Length;
            text.Append(quoteSubject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.Predicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var end = text.Length;
            var cue = Pick(Vocabulary.TrailingCues);
            text.Append(",\" ").Append(Mention(speaker));
            if (speaker.Kind == EntityKind.Person && _random.Next(2) == 0)
            {
                text.Append(", ").Append(speaker.Role).Append(',');
            }

            text.Append(' ').Append(cue).Append('.');
            var whole = _random.Next(3) == 0;
            statements.Add(new DraftStatement(StatementKind.DirectQuote, speaker, cue, start, end, null, null, index, whole ? start : evidenceStart, end));
        }
        else
        {
            // Direct quote last: Speaker said: "Subject predicate object."
            text.Append(Capitalise(Mention(speaker))).Append(" said: \"");
            var start = text.Length;
            text.Append(quoteSubject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.Predicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var evidenceEnd = text.Length;
            text.Append('.');
            var end = text.Length;
            text.Append('"');
            statements.Add(new DraftStatement(StatementKind.DirectQuote, speaker, "said", start, end, null, null, index, evidenceStart, evidenceEnd));
        }

        return new Sentence(text.ToString(), statements);
    }

    private SynEntity? Source() => _random.Next(20) == 0 ? Skewed(_all.Documents) : null;

    /// <summary>The lead: the first claim reported by the publication, itself a statement carrying no evidence.</summary>
    private Sentence LeadSentence(DraftClaim claim, ArticleCast cast)
    {
        var speaker = claim.Claimant;
        if (speaker.Kind == EntityKind.Publication)
        {
            var plain = $"{Capitalise(claim.SubjectText)} {claim.Predicate} {claim.ObjectText}, according to {Pick(Vocabulary.LeadSources)}.";
            return new Sentence(plain, [new DraftStatement(StatementKind.PublisherNote, cast.Publisher, null, 0, plain.Length - 1, null, null, null, 0, 0)]);
        }

        var cue = Pick(Vocabulary.Cues) + " on " + Pick(Vocabulary.Weekdays) + " that";
        var head = $"{Capitalise(speaker.Name)} {cue} ";
        var reported = $"{claim.SubjectText} {claim.ReportedPredicate} {claim.ObjectText}";
        return new Sentence(head + reported + ".", [new DraftStatement(StatementKind.ReportedSpeech, speaker, cue, head.Length, head.Length + reported.Length, null, null, null, 0, 0)]);
    }

    private string Title(DraftClaim claim) => _random.Next(3) switch
    {
        0 when claim.Claimant.Kind != EntityKind.Publication => $"{claim.Claimant.Name} says {claim.SubjectText} {claim.ReportedPredicate} {claim.ObjectText}",
        1 when claim.Kind == ClaimKind.Prediction => $"{Capitalise(claim.SubjectText)} to {claim.BaseForm} {claim.ObjectText}",
        _ => $"{Capitalise(claim.SubjectText)} {claim.Predicate} {claim.ObjectText}",
    };

    private Sentence ReactionSentence(ArticleCast cast)
    {
        var speaker = _random.Next(3) == 0 ? Skewed(_all.People) : Pick(cast.People);
        var words = Fill(Pick(Vocabulary.Reactions), cast, []).Render(Mention);
        var cue = Pick(Vocabulary.TrailingCues);
        var text = $"\"{words},\" {Mention(speaker)}{(_random.Next(2) == 0 ? $", {speaker.Role}," : "")} {cue}.";
        return new Sentence(text, [new DraftStatement(StatementKind.DirectQuote, speaker, cue, 1, 1 + words.Length, null, null, null, 0, 0)]);
    }

    private Sentence NoteSentence(ArticleCast cast)
    {
        var text = Capitalise(Fill(Pick(Vocabulary.Notes), cast, []).Render(Mention));
        return new Sentence(text, [new DraftStatement(StatementKind.PublisherNote, cast.Publisher, null, 0, text.Length, null, null, null, 0, 0)]);
    }

    private Sentence BackgroundSentence(ArticleCast cast) =>
        new(Capitalise(Fill(Pick(Vocabulary.Background), cast, []).Render(Mention)), []);

    /// <summary>How the text names an entity: mostly its name, sometimes one of its aliases.</summary>
    private string Mention(SynEntity entity) =>
        entity.Aliases.Length > 0 && _random.Next(100) < 35 ? entity.Aliases[_random.Next(entity.Aliases.Length)] : entity.Name;

    // ---- Helpers --------------------------------------------------------------------------------------------

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Head-heavy choice: the first items of a list are picked far more often than the last, as in news.</summary>
    private SynEntity Skewed(List<SynEntity> items) => items[(int)(items.Count * Math.Pow(_random.NextDouble(), 2.5))];

    private string[] Some(IReadOnlyList<string> candidates, int min, int max)
    {
        var count = min + _random.Next(max - min + 1);
        var chosen = candidates.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        while (chosen.Count > count)
        {
            chosen.RemoveAt(_random.Next(chosen.Count));
        }

        return [.. chosen];
    }

    private static string Capitalise(string value) =>
        value.Length > 0 && char.IsLower(value[0]) ? char.ToUpperInvariant(value[0]) + value[1..] : value;

    private static string Slug(string name) =>
        string.Concat(TextFolding.Fold(name).Where(char.IsAsciiLetterOrDigit));

    internal static int CodePointCount(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    // ---- Drafts ---------------------------------------------------------------------------------------------

    internal sealed record SynEntity(string Id, string Name, EntityKind Kind, string[] Aliases, string Role);

    private sealed class Cast
    {
        public List<SynEntity> Publications { get; } = [];
        public List<SynEntity> States { get; } = [];
        public List<SynEntity> ArmedForces { get; } = [];
        public List<SynEntity> Places { get; } = [];
        public List<SynEntity> People { get; } = [];
        public List<SynEntity> Organisations { get; } = [];
        public List<SynEntity> Treaties { get; } = [];
        public List<SynEntity> TreatyArticles { get; } = [];
        public List<SynEntity> Events { get; } = [];
        public List<SynEntity> Documents { get; } = [];
    }

    /// <summary>Who an article is about: its claims and quotes draw on these first.</summary>
    private sealed record ArticleCast(
        SynEntity State, SynEntity Place, List<SynEntity> People, List<SynEntity> Organisations, SynEntity Treaty,
        SynEntity Publisher, DateOnly PublishedOn);

    private readonly record struct Part(string? Text, SynEntity? Entity);

    /// <summary>Words and entities; rendered once with canonical names (the claim) and once as the article names them.</summary>
    private sealed record Phrase(List<Part> Parts, SynEntity? Entity)
    {
        public static Phrase Of(SynEntity entity) => new([new Part(null, entity)], entity);

        public Phrase Append(string text) => new([.. Parts, new Part(text, null)], null);

        public string Render(Func<SynEntity, string> name) =>
            string.Concat(Parts.Select(p => p.Entity is { } e ? name(e) : p.Text));
    }

    private sealed record DraftClaim(
        ClaimKind Kind, SynEntity Claimant, Phrase SubjectPhrase, string Predicate, string ReportedPredicate, string BaseForm,
        Phrase ObjectPhrase, string Text, string SubjectText, string ObjectText, DateOnly ClaimedOn, VerificationStatus Status,
        List<SynEntity> Mentions, List<(string Name, string Value, SynEntity? Entity)> Qualifiers)
    {
        public string Subject => Truncate(SubjectText);
        public string Object => Truncate(ObjectText);

        private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
    }

    /// <summary>A statement inside a sentence: UTF-16 offsets into the sentence; <see cref="Parent"/> indexes the sentence's statements.</summary>
    private sealed record DraftStatement(
        StatementKind Kind, SynEntity Speaker, string? Cue, int Start, int End, int? Parent, SynEntity? Source,
        int? Claim, int EvidenceStart, int EvidenceEnd);

    private sealed record Sentence(string Text, List<DraftStatement> Statements);
}

/// <summary>One batch of rows, per table, in the tables' column order.</summary>
internal sealed class SyntheticBatch
{
    public List<object?[]>[] Rows { get; } = [.. Tables.All.Select(_ => new List<object?[]>())];

    public void Add(TableSpec table, params object?[] values)
    {
        Debug.Assert(values.Length == table.Columns.Length, $"{table.Name}: {values.Length} values for {table.Columns.Length} columns");
        Rows[table.Ordinal].Add(values);
    }
}

internal enum ColumnType
{
    Text,
    Int,
    Date,
}

internal sealed record TableSpec(int Ordinal, string Name, (string Name, ColumnType Type)[] Columns)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Name}\""));
}

/// <summary>The tables the generator writes, in insertion (foreign-key) order; seed_file and wikidata_id stay NULL.</summary>
internal static class Tables
{
    private const ColumnType T = ColumnType.Text;
    private const ColumnType I = ColumnType.Int;

    public static readonly TableSpec Entities = new(0, "entities", [("id", T), ("name", T), ("normalized_name", T), ("kind", T), ("description", T), ("part_of_id", T)]);
    public static readonly TableSpec EntityAliases = new(1, "entity_aliases", [("entity_id", T), ("alias", T), ("normalized_alias", T)]);
    public static readonly TableSpec Articles = new(2, "articles", [("id", T), ("title", T), ("lead", T), ("published_on", ColumnType.Date), ("published_on_precision", T), ("text", T), ("language", T), ("publisher_id", T), ("source_url", T), ("content_sha256", T)]);
    public static readonly TableSpec Paragraphs = new(3, "article_paragraphs", [("article_id", T), ("index", I), ("role", T), ("start", I), ("end", I), ("text", T), ("artifact", T)]);
    public static readonly TableSpec Statements = new(4, "statements", [("id", T), ("article_id", T), ("speaker_id", T), ("kind", T), ("cue", T), ("text", T), ("start", I), ("end", I), ("parent_id", T), ("source_id", T)]);
    public static readonly TableSpec Claims = new(5, "claims", [("id", T), ("text", T), ("claimant_id", T), ("kind", T), ("claimed_on", ColumnType.Date), ("subject", T), ("predicate", T), ("object", T), ("status", T), ("article_id", T)]);
    public static readonly TableSpec Evidence = new(6, "claim_evidence", [("claim_id", T), ("ordinal", I), ("statement_id", T), ("start", I), ("end", I), ("text", T)]);
    public static readonly TableSpec Mentions = new(7, "claim_mentions", [("claim_id", T), ("entity_id", T)]);
    public static readonly TableSpec Qualifiers = new(8, "claim_qualifiers", [("claim_id", T), ("ordinal", I), ("name", T), ("value", T), ("entity_id", T)]);
    public static readonly TableSpec Links = new(9, "claim_links", [("from_claim_id", T), ("to_claim_id", T), ("kind", T)]);

    public static readonly TableSpec[] All = [Entities, EntityAliases, Articles, Paragraphs, Statements, Claims, Evidence, Mentions, Qualifiers, Links];
}

internal interface IBatchWriter : IAsyncDisposable
{
    Task WriteAsync(SyntheticBatch batch, CancellationToken ct);
}

/// <summary>
/// Prepared INSERTs, one transaction per batch. Durability is traded for speed while generating (synchronous=OFF,
/// write-ahead log): a crash mid-run leaves a database to throw away, never a half-trusted one in production.
/// </summary>
internal sealed class SqliteBatchWriter : IBatchWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand[] _inserts;

    private SqliteBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _inserts = [.. Tables.All.Select(table =>
        {
            var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            for (var i = 0; i < table.Columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), table.Columns[i].Type == ColumnType.Int ? SqliteType.Integer : SqliteType.Text));
            }

            return command;
        })];
    }

    public static async Task<SqliteBatchWriter> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";
            await pragmas.ExecuteNonQueryAsync(ct);
        }

        return new SqliteBatchWriter(connection);
    }

    public Task WriteAsync(SyntheticBatch batch, CancellationToken ct)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var table in Tables.All)
        {
            var command = _inserts[table.Ordinal];
            command.Transaction = transaction;
            var parameters = command.Parameters;
            foreach (var row in batch.Rows[table.Ordinal])
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] switch
                    {
                        null => DBNull.Value,
                        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        var value => value,
                    };
                }

                command.ExecuteNonQuery();
            }

            ct.ThrowIfCancellationRequested();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _inserts)
        {
            await command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}

/// <summary>Binary COPY per table, one transaction per batch.</summary>
internal sealed class PostgresBatchWriter : IBatchWriter
{
    private readonly NpgsqlConnection _connection;

    private PostgresBatchWriter(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresBatchWriter> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return new PostgresBatchWriter(connection);
    }

    public async Task WriteAsync(SyntheticBatch batch, CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        foreach (var table in Tables.All)
        {
            var rows = batch.Rows[table.Ordinal];
            if (rows.Count == 0)
            {
                continue;
            }

            await using var import = await _connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                for (var i = 0; i < row.Length; i++)
                {
                    switch (row[i])
                    {
                        case null:
                            await import.WriteNullAsync(ct);
                            break;
                        case string text:
                            await import.WriteAsync(text, NpgsqlDbType.Text, ct);
                            break;
                        case int number:
                            await import.WriteAsync(number, NpgsqlDbType.Integer, ct);
                            break;
                        case DateOnly date:
                            await import.WriteAsync(date, NpgsqlDbType.Date, ct);
                            break;
                        default:
                            throw new InvalidOperationException($"{table.Name}.{table.Columns[i].Name}: no COPY mapping for {row[i]!.GetType()}.");
                    }
                }
            }

            await import.CompleteAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>Word lists for the generator. Real place and state names, invented people and organisations.</summary>
internal static class Vocabulary
{
    /// <summary>name|aliases (;)|capital</summary>
    public static readonly string[] States =
    [
        "Ukraine|Україна;Kyiv;Ukrainian state|Kyiv", "Russia|the Russian Federation;Russian Federation;Moscow;Россия|Moscow",
        "United States|the United States;US;USA;Washington|Washington", "United Kingdom|the UK;UK;Britain;London|London",
        "France|the French Republic;Paris|Paris", "Germany|the Federal Republic of Germany;Berlin;Deutschland|Berlin",
        "Poland|Polska;Warsaw;Republic of Poland|Warsaw", "Brazil|Brasil;Brasília|Brasília", "Japan|日本;Tokyo|Tokyo",
        "China|the People's Republic of China;PRC;Beijing|Beijing", "India|Bharat;New Delhi|New Delhi",
        "Turkey|Türkiye;Ankara|Ankara", "Spain|España;Madrid|Madrid", "Italy|Italia;Rome|Rome", "Mexico|México;Mexico City|Mexico City",
        "Canada|Ottawa|Ottawa", "Nigeria|Abuja;Federal Republic of Nigeria|Abuja", "Kenya|Nairobi|Nairobi", "South Africa|Pretoria;RSA|Pretoria",
        "Egypt|مصر;Cairo|Cairo", "Indonesia|Jakarta|Jakarta", "Vietnam|Việt Nam;Viet Nam;Hanoi|Hanoi",
        "South Korea|Republic of Korea;Seoul;대한민국|Seoul", "North Korea|the DPRK;DPRK;Pyongyang|Pyongyang",
        "Argentina|Buenos Aires;Argentine Republic|Buenos Aires", "Chile|Santiago|Santiago", "Colombia|Bogotá|Bogotá", "Peru|Perú;Lima|Lima",
        "Sweden|Sverige;Stockholm|Stockholm", "Norway|Norge;Oslo|Oslo", "Finland|Suomi;Helsinki|Helsinki", "Denmark|Danmark;Copenhagen|Copenhagen",
        "Iceland|Ísland;Reykjavík|Reykjavík", "Netherlands|the Netherlands;Holland;The Hague|Amsterdam", "Belgium|Brussels;België|Brussels",
        "Switzerland|Schweiz;Suisse;Bern|Bern", "Austria|Österreich;Vienna|Vienna", "Czech Republic|Czechia;Česko;Prague|Prague",
        "Hungary|Magyarország;Budapest|Budapest", "Romania|România;Bucharest|Bucharest", "Moldova|Republic of Moldova;Chișinău|Chișinău",
        "Greece|Ελλάδα;Hellenic Republic;Athens|Athens", "Portugal|Lisbon;Portuguese Republic|Lisbon", "Ireland|Éire;Dublin|Dublin",
        "Georgia|Sakartvelo;Tbilisi|Tbilisi", "Armenia|Yerevan|Yerevan", "Azerbaijan|Baku|Baku", "Kazakhstan|Astana|Astana",
        "Pakistan|Islamabad|Islamabad", "Bangladesh|Dhaka|Dhaka", "Thailand|Bangkok|Bangkok", "Philippines|the Philippines;Manila|Manila",
        "Australia|Canberra;Commonwealth of Australia|Canberra", "New Zealand|Aotearoa;Wellington|Wellington", "Ethiopia|Addis Ababa|Addis Ababa",
        "Ghana|Accra|Accra", "Morocco|Rabat|Rabat", "Senegal|Dakar|Dakar", "Côte d'Ivoire|Ivory Coast;Cote d'Ivoire|Yamoussoukro",
        "Estonia|Eesti;Tallinn|Tallinn", "Latvia|Latvija;Riga|Riga", "Lithuania|Lietuva;Vilnius|Vilnius", "Serbia|Србија;Belgrade|Belgrade",
        "Croatia|Hrvatska;Zagreb|Zagreb",
    ];

    /// <summary>name|aliases (;)</summary>
    public static readonly string[] RealPlaces =
    [
        "Kyiv|Київ;Kiev", "Kharkiv|Харків;Kharkov", "Odesa|Odessa;Одеса", "São Paulo|Sao Paulo;Sampa", "Kraków|Krakow;Cracow",
        "Zürich|Zurich", "Łódź|Lodz", "Gdańsk|Gdansk;Danzig", "Reykjavík|Reykjavik", "Malmö|Malmo", "Düsseldorf|Dusseldorf",
        "Chișinău|Chisinau;Kishinev", "Bogotá|Bogota", "Medellín|Medellin", "Montréal|Montreal", "Tromsø|Tromso",
        "Thessaloniki|Θεσσαλονίκη;Salonica", "Tokyo|東京", "Seoul|서울", "Cairo|القاهرة", "Kursk|Kursk region;Kursk Oblast",
        "Brasília|Brasilia", "Besançon|Besancon", "Nuuk|Godthåb", "Warsaw|Warszawa", "Prague|Praha", "Vienna|Wien",
        "Lisbon|Lisboa", "Mexico City|Ciudad de México;CDMX", "Hanoi|Hà Nội", "Đà Nẵng|Da Nang", "Lagos|Eko", "Nairobi|Nairobi County",
        "Mumbai|Bombay", "Istanbul|İstanbul;Constantinople",
    ];

    /// <summary>name|aliases (;)|role</summary>
    public static readonly string[] FamousPeople =
    [
        "Volodymyr Zelenskyy|Zelenskyy;Zelensky;Володимир Зеленський;Зеленський|the president of Ukraine",
        "Jürgen Müller|Müller;Juergen Mueller;J. Müller|the economy minister of Germany",
        "Zoë Ferreira-Sánchez|Ferreira-Sánchez;Zoe Ferreira-Sanchez|the mayor of São Paulo",
        "Łukasz Wiśniewski|Wiśniewski;Lukasz Wisniewski|a lawmaker from Kraków",
        "Nguyễn Thị Lan|Nguyen Thi Lan;Madame Nguyễn|the trade minister of Vietnam",
        "Ayşe Yılmaz|Ayse Yilmaz;Yılmaz|the chief executive of Yoshinoya Holdings",
        "Søren Østergaard|Soren Ostergaard;Østergaard|the energy minister of Denmark",
        "François Lefèvre|Francois Lefevre;Lefèvre|a senator from Besançon",
        "Adébáyọ̀ Okonkwo|Adebayo Okonkwo;Okonkwo|the governor of Lagos",
        "Siobhán O'Connor|Siobhan O'Connor;O'Connor|the finance minister of Ireland",
    ];

    /// <summary>name|aliases (;) — one of them outside the Basic Multilingual Plane (𠮷, U+20BB7), to exercise code point offsets.</summary>
    public static readonly string[] FamousOrganisations =
    [
        "Yoshinoya Holdings|𠮷野家;Yoshinoya", "Müller & Söhne Stahlwerke|Müller Stahl;MSS",
        "Companhia Energética de São Paulo|CESP;Energética São Paulo", "Česká energetická společnost|ČES;Czech Energy Company",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Maria", "John", "James", "Olena", "Oleksandr", "Andriy", "Iryna", "Pedro", "José", "Ana", "Luis", "Carmen", "Ahmed",
        "Fatima", "Mohamed", "Leila", "Wei", "Li", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Thomas", "Sarah", "David", "Laura",
        "Michael", "Emma", "Lucas", "Chloé", "Zoë", "Łukasz", "Małgorzata", "Søren", "Björn", "Renée", "Ştefan", "Jiří", "Ülle",
        "Ioana", "Agnès", "Ngozi", "Chinedu", "Amara", "Kwame", "Aisha", "Grace", "Peter", "Paul", "Elena", "Dmitri", "Natalia",
        "Giorgi", "Nino", "Aram", "Ravi", "Priya", "Arjun", "Sunita", "Mehmet", "Elif", "Hans", "Greta", "Lars", "Ingrid", "Pierre",
        "Camille", "Marco", "Giulia", "Sofia", "Mateo", "Valentina", "Diego", "Camila", "Tomás", "Inês", "João", "Beatriz", "Kofi",
        "Abena", "Samuel", "Ruth", "Daniel", "Miriam", "Hannah", "Noah", "Olivia", "Ethan", "Mia", "Oscar", "Freya", "Eamon",
        "Siobhán", "Andrés", "Lucía", "Zeynep", "Emre", "Tariq", "Yasmin",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Johnson", "Brown", "Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Silva", "Santos", "Oliveira", "García",
        "Martínez", "Rodríguez", "López", "Hernández", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Nowak", "Kowalski",
        "Wiśniewska", "Dvořák", "Novák", "Svoboda", "Szabó", "Nagy", "Kovačević", "Horvat", "Popescu", "Ionescu", "Papadopoulos",
        "Nikolaidis", "Yılmaz", "Kaya", "Demir", "Doğan", "Çelik", "Haddad", "Mansour", "Khalil", "Wang", "Zhang", "Chen", "Liu",
        "Tanaka", "Suzuki", "Sato", "Kim", "Park", "Lee", "Nguyễn", "Trần", "Phạm", "Okafor", "Adeyemi", "Mensah", "Owusu", "Kamau",
        "Otieno", "Mwangi", "Dlamini", "Naidoo", "Singh", "Sharma", "Patel", "Gupta", "Khan", "Rahman", "Hossain", "Andersson",
        "Johansson", "Sørensen", "Hansen", "Jensen", "Ólafsson", "Häkkinen", "Virtanen", "Lefèvre", "Dubois", "Moreau", "Laurent",
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Gonçalves", "Pereira", "Costa", "O'Brien", "O'Sullivan", "Murphy",
        "Walsh", "van der Berg", "de Vries", "Janssen", "Peeters", "Maes", "Gruber", "Huber", "Bauer", "Wagner", "Becker",
        "Hoffmann", "Petrov", "Ivanova", "Sokolov", "Beridze", "Kapanadze", "Hakobyan", "Aliyev", "Nurlanov", "Mendoza", "Vargas",
        "Castillo", "Rojas", "Morales", "Ortiz", "Cruz", "Reyes", "Flores", "Torres", "Ramírez", "Navarro", "Jiménez", "Ruiz",
        "Díaz", "Álvarez", "Romero", "Sánchez", "Ferreira", "Almeida", "Carvalho", "Ribeiro", "Rocha", "Lima", "Teixeira",
        "Ahmed", "Hussein", "Ali", "Ibrahim", "Abdullah", "Yusuf", "Osei", "Boateng", "Asante", "Diallo", "Ba", "Ndiaye", "Traoré",
    ];

    public static readonly string[] TownStarts =
    [
        "Bel", "Cor", "Dun", "Fal", "Gran", "Hol", "Kar", "Lin", "Mar", "Nor", "Ost", "Pel", "Rav", "Sel", "Tor", "Val", "Wes",
        "Zar", "Bram", "Cal", "Dor", "Eld", "Fen", "Hart", "Kel", "Lom", "Mor", "Nev", "Quen", "Riv", "Sol", "Tam", "Ver", "Vol",
        "Ash", "Brun", "Cres", "Dal", "Erm", "Gor",
    ];

    public static readonly string[] TownEnds =
    [
        "ford", "ton", "wick", "burg", "vik", "mouth", "ville", "stad", "holm", "field", "brook", "grad", "polis", "haven", "moor",
        "dale", "port", "mere", "ley", "sk", "ovo", "ino", "ice", "au", "ów", "øy", "ença", "ăuți", "ek", "ara",
    ];

    public static readonly string[] TownPrefixes = ["New", "Upper", "Lower", "Port", "North", "South", "East", "West", "Old", "Great"];

    public static readonly string[] Mastheads = ["Herald", "Courier", "Ledger", "Observer", "Gazette", "Times", "Post", "Chronicle", "Tribune", "Dispatch"];

    public static readonly string[] Industries =
    [
        "Energy", "Grain", "Steel", "Mining", "Shipping", "Logistics", "Pharmaceuticals", "Telecom", "Motors", "Foods",
        "Textiles", "Chemicals", "Aerospace", "Bank", "Insurance", "Rail", "Water", "Solar", "Fertiliser", "Timber",
    ];

    public static readonly string[] CompanySuffixes = ["Group", "Holdings", "Ltd", "AG", "S.A.", "plc", "Corporation", "& Co", "Partners", "Industries"];

    public static readonly string[] Workers = ["Dockworkers", "Miners", "Teachers", "Nurses", "Rail Workers", "Farmers", "Steelworkers", "Journalists", "Drivers", "Engineers"];

    public static readonly string[] Adjectives = ["National", "Regional", "Independent", "Federal", "Civic", "Northern", "Southern", "Coastal", "United", "Joint"];

    public static readonly string[] Topics =
    [
        "energy", "fuel", "grain", "wheat", "pension", "housing", "healthcare", "education", "defence", "water", "electricity",
        "rail", "fisheries", "tourism", "steel", "copper", "lithium", "fertiliser", "coal", "gas", "solar", "wind", "shipping",
        "banking", "tax", "customs", "migration", "border", "cyber security", "vaccine", "broadband", "semiconductor", "dairy",
        "rice", "cocoa", "coffee", "cotton", "timber", "nuclear", "aviation",
    ];

    public static readonly string[] Commodities =
    [
        "wheat", "maize", "rice", "crude oil", "natural gas", "diesel", "coal", "copper", "lithium", "cobalt", "steel", "aluminium",
        "fertiliser", "sugar", "coffee", "cocoa", "cotton", "timber", "sunflower oil", "uranium",
    ];

    public static readonly string[] Facilities = ["schools", "hospitals", "factories", "mines", "border crossings", "power plants", "clinics", "bank branches", "police stations", "refineries"];

    public static readonly string[] Infrastructure = ["railway", "motorway", "pipeline", "power line", "canal", "bridge", "fibre-optic cable", "tram line"];

    public static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static readonly string[] EventNouns = ["floods", "summit", "protests", "election", "earthquake", "strike", "wildfires", "referendum", "blackout", "drought"];

    public static readonly string[] DocumentNouns = ["annual report", "audit", "white paper", "budget statement", "inquiry report"];

    /// <summary>military-or-any|base|past|object template: the actions of factual claims and predictions.</summary>
    public static readonly string[] Actions =
    [
        "a|cut|cut|{topic} subsidies by {pct}", "m|deploy|deployed|{count} troops to {place}", "a|sign|signed|a {topic} agreement with {org}",
        "a|pay|paid|{money} to {org}", "a|close|closed|{count} {facility} in {place}", "m|detain|detained|{count} protesters in {place}",
        "a|meet|met|{person} in {place}", "a|raise|raised|{topic} taxes by {pct}", "a|receive|received|{money} from {org}",
        "a|export|exported|{tonnes} of {commodity} to {state}", "a|open|opened|an investigation into {org}",
        "a|reject|rejected|a proposal from {org} on {topic} reform", "a|approve|approved|a budget of {money} for {topic}",
        "m|evacuate|evacuated|{count} residents from {place}", "a|block|blocked|{commodity} shipments to {state}",
        "a|hire|hired|{count} workers in {place}", "a|cut|cut|{count} jobs in {place}", "a|reach|reached|a deal with {state} on {topic}",
        "a|suspend|suspended|{topic} talks with {state}", "a|fine|fined|{org} {money}", "a|buy|bought|a {pct} stake in {org}",
        "a|sell|sold|its stake in {org}", "a|build|built|{km} of {infra} near {place}", "a|invest|invested|{money} in {topic} projects in {place}",
        "a|ban|banned|imports of {commodity} from {state}", "a|restore|restored|{infra} links with {place}", "m|withdraw|withdrew|{count} troops from {place}",
        "a|lower|lowered|{commodity} prices by {pct}", "a|expand|expanded|{topic} aid to {state}", "a|delay|delayed|the {topic} reform until {year}",
        "m|shell|shelled|{place}", "m|capture|captured|{count} soldiers near {place}", "a|double|doubled|{commodity} imports from {state}",
        "a|freeze|froze|{money} in assets held by {org}", "a|sue|sued|{org} over {topic} contracts",
    ];

    public static readonly string[] Causes =
    [
        "the drought in {place}", "the strike at {org}", "sanctions against {state}", "the closure of the port of {place}",
        "the {topic} subsidy cuts", "the floods in {place}", "the rise in {commodity} prices", "the collapse of {org}",
        "the blockade of {place}", "the {event}",
    ];

    public static readonly string[] CausalVerbs = ["led to", "caused", "triggered", "resulted in", "contributed to"];

    public static readonly string[] Effects =
    [
        "a {pct} rise in {commodity} prices", "the loss of {count} jobs in {place}", "shortages of {commodity} in {place}",
        "a sharp fall in {topic} exports", "protests in {place}", "a {pct} drop in {topic} investment", "power cuts across {place}",
        "the resignation of {person}",
    ];

    public static readonly string[] LegalActs = ["violated", "breached", "complied with", "acted in accordance with", "withdrew from", "ratified"];

    public static readonly string[] LegalStates = ["is incompatible with", "is consistent with", "breaches", "is required by"];

    public static readonly string[] OpinionSubjects =
    [
        "the {topic} reform", "the agreement with {state}", "the new {topic} policy of {org}", "the decision to close {count} {facility}",
        "the plan for {place}", "the {topic} strategy of {state}",
    ];

    public static readonly string[] Judgements =
    [
        "a historic mistake", "a betrayal of the people of {place}", "the only realistic option", "long overdue", "a success",
        "unworkable", "a threat to {topic} security", "good news for {place}", "a gift to {org}", "reckless",
    ];

    public static readonly string[] Cues = ["said", "told reporters", "announced", "claimed", "insisted", "confirmed", "stated", "wrote on social media", "told parliament"];

    public static readonly string[] WarningCues = ["warned", "predicted", "said", "argued", "insisted"];

    public static readonly string[] TrailingCues = ["said", "told reporters", "said in a statement", "added", "told the agency"];

    public static readonly string[] Fragments =
    [
        "long overdue", "a matter of national security", "completely unacceptable", "the only responsible choice",
        "a dangerous precedent", "irreversible", "a first step",
    ];

    public static readonly string[] Sourcing = ["official figures show", "records seen by this newspaper show", "according to the ministry", "data published on Monday show"];

    public static readonly string[] LeadSources = ["official figures", "documents seen by this newspaper", "people familiar with the matter", "published records"];

    public static readonly string[] Reactions =
    [
        "We are studying the decision carefully", "This is a difficult day for the people of {place}", "We will respond in due course",
        "Nobody consulted us about {topic}", "The figures speak for themselves", "It is too early to say what this means for {topic}",
        "Our position on {topic} has not changed", "We expected this and we are prepared", "This changes nothing for {place}",
    ];

    public static readonly string[] Notes =
    [
        "{org} did not respond to a request for comment.", "{org} declined to comment.", "the figures could not be independently verified.",
        "{person} did not say when the decision would take effect.", "a spokesperson for {state} did not reply to questions sent on {weekday}.",
    ];

    public static readonly string[] Background =
    [
        "{place} has a population of about {count}.", "the {topic} sector employs around {count} people in {state}.",
        "talks are expected to resume in {month}.", "trading in {commodity} was thin on {weekday}.",
        "the {event} is still felt in {place}.", "{org} was founded in {place} in {year}.",
    ];
}
