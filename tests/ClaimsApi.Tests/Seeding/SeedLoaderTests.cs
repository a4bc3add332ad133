using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;
using ClaimsApi.Seeding;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Seeding;

public sealed class SeedLoaderTests
{
    private const string YamlName = TestPaths.SeedStem + ".yaml";
    private const string TextName = TestPaths.SeedStem + ".txt";

    /// <summary>A second, well-formed article id for tests that add files.</summary>
    internal const string OtherStem = "001_00000000000000ab";

    // The shipped seeds: 16 entities, 15 statements, 12 claims (counted in seeds/000_9c422c9df4965fec.yaml).
    [Fact]
    public void ShippedSeedsLoadAsOneArticleWithItsCuration()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);

        Assert.Equal(2, seeds.Files);
        Assert.Equal(TestPaths.SeedArticleId, Assert.Single(seeds.Articles).Id);
        Assert.Equal(16, seeds.Entities.Count);
        Assert.Equal(15, seeds.Statements.Count);
        Assert.Equal(12, seeds.Claims.Count);
    }

    [Fact]
    public void ShippedArticleIsStoredByteForByte()
    {
        var article = Assert.Single(SeedLoader.Load(TestPaths.Seeds).Articles);

        Assert.Equal(SeedText.Read(Path.Combine(TestPaths.Seeds, TextName)), article.Text);
        // sha256 of the file as measured in shared/seed-format.md
        Assert.Equal("e106c5c7044d1be8106ff2cf43d60fb3fe49aed564d47d51cb64e8df12ebbbf8", article.ContentSha256);
    }

    [Fact]
    public void ShippedArticleHasItsDateTitleAndNineBlocks()
    {
        var article = Assert.Single(SeedLoader.Load(TestPaths.Seeds).Articles);

        Assert.Equal(new DateOnly(2025, 4, 28), article.PublishedOn);
        Assert.Equal(DatePrecision.Day, article.PublishedOnPrecision);
        Assert.Equal("North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region", article.Title);
        Assert.Equal(9, article.Paragraphs.Count);
        Assert.Equal("en", article.Language);
        Assert.Equal("publication-9c422c9df4965fec", article.PublisherId);
    }

    [Fact]
    public void EveryStatementTextIsTheSliceOfTheArticleBetweenItsOffsets()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var text = Assert.Single(seeds.Articles).Text;

        Assert.All(seeds.Statements, s => Assert.Equal(s.Text, CodePoints.Slice(text, s.Start, s.End)));
    }

    [Fact]
    public void StatementIsAnchoredWhereItsExactTextStands()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var text = Assert.Single(seeds.Articles).Text;
        var statement = Assert.Single(seeds.Statements, s => s.Id == "p3-noted-treaty");

        Assert.Equal(SeedText.CodePointIndexOf(text, "It is noted that North Korean military personnel") + "It is noted that ".Length, statement.Start);
        Assert.EndsWith("between Pyongyang and Moscow.", statement.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementBeforeTheShareArtifactStopsAtItsSentence()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var text = Assert.Single(seeds.Articles).Text;
        var statement = Assert.Single(seeds.Statements, s => s.Id == "p4-quote");

        Assert.Equal(SeedText.CodePointIndexOf(text, "about this. Share") + "about this.".Length, statement.End);
    }

    [Fact]
    public void NestedStatementsLieInsideTheirParents()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var byId = seeds.Statements.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var nested = seeds.Statements.Where(s => s.ParentId is not null).ToList();

        Assert.Equal(5, nested.Count);
        Assert.All(nested, s =>
        {
            var parent = byId[s.ParentId!];
            Assert.InRange(s.Start, parent.Start, parent.End);
            Assert.InRange(s.End, s.Start, parent.End);
        });
    }

    [Fact]
    public void EvidenceSpansLieInsideTheirStatements()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var byId = seeds.Statements.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var evidence = seeds.Claims.SelectMany(c => c.Evidence).ToList();

        Assert.NotEmpty(evidence);
        Assert.All(evidence, e =>
        {
            var statement = byId[e.StatementId];
            Assert.InRange(e.Start, statement.Start, statement.End);
            Assert.InRange(e.End, e.Start, statement.End);
        });
    }

    [Fact]
    public void EvidenceTextIsTheSliceOfTheArticleBetweenItsOffsets()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var text = Assert.Single(seeds.Articles).Text;

        Assert.All(seeds.Claims.SelectMany(c => c.Evidence), e => Assert.Equal(e.Text, CodePoints.Slice(text, e.Start, e.End)));
    }

    [Fact]
    public void EvidenceWithoutExactTextIsTheWholeStatement()
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var statement = Assert.Single(seeds.Statements, s => s.Id == "p3-noted-treaty");
        var evidence = Assert.Single(seeds.Claims, c => c.Id == "legal-basis-treaty-article-4").Evidence.First(e => e.StatementId == statement.Id);

        Assert.Equal((statement.Start, statement.End, statement.Text), (evidence.Start, evidence.End, evidence.Text));
    }

    [Fact]
    public void FingerprintIsStableAcrossLoads()
    {
        Assert.Equal(SeedLoader.Load(TestPaths.Seeds).Fingerprint, SeedLoader.Load(TestPaths.Seeds).Fingerprint);
    }

    [Fact]
    public void FingerprintDoesNotDependOnWhereTheFolderIs()
    {
        using var copy = new SeedsFolder();

        Assert.Equal(SeedLoader.Load(TestPaths.Seeds).Fingerprint, copy.Load().Fingerprint);
    }

    [Theory]
    [InlineData(YamlName, "\n# reviewed\n")]
    [InlineData(TextName, " ")]
    public void FingerprintChangesWhenAFileChanges(string file, string appended)
    {
        using var seeds = new SeedsFolder();
        var before = seeds.Load().Fingerprint;

        File.AppendAllText(seeds.FileNamed(file), appended);

        Assert.NotEqual(before, seeds.Load().Fingerprint);
    }

    [Fact]
    public void ArticleWithoutCurationLoadsWithoutStatementsOrClaims()
    {
        using var seeds = new SeedsFolder();
        File.Delete(seeds.Yaml);

        var loaded = seeds.Load();

        Assert.Equal(TestPaths.SeedArticleId, Assert.Single(loaded.Articles).Id);
        Assert.Empty(loaded.Entities);
        Assert.Empty(loaded.Statements);
        Assert.Empty(loaded.Claims);
    }

    [Fact]
    public void MissingFolderIsReported()
    {
        var error = Assert.Throws<SeedException>(() => SeedLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-seeds-" + Guid.NewGuid().ToString("N"))));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":0:0", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GarbledDateLineIsReportedAtLineOneOfTheArticle()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Text, " date 2025-04-28 ", " date 28 April 2025 ");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(TextName, problem.File, StringComparison.Ordinal);
        Assert.Equal((1, 1, ""), (problem.Line, problem.Column, problem.Path));
        Assert.Contains("the first line must be ' date YYYY-MM-DD <lead>'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImpossibleDateIsReportedAtTheDate()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Text, " date 2025-04-28 ", " date 2025-04-31 ", "2025-04-31");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(TextName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("'2025-04-31' is not a valid date", problem.Message);
    }

    [Fact]
    public void ByteOrderMarkInTheArticleIsReported()
    {
        using var seeds = new SeedsFolder();
        File.WriteAllBytes(seeds.Text, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(seeds.Text)]);

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(TextName, problem.File, StringComparison.Ordinal);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Contains("byte order mark", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InTheArticleIsReported()
    {
        using var seeds = new SeedsFolder();
        File.WriteAllBytes(seeds.Text, [.. File.ReadAllBytes(seeds.Text), 0xFF]);

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(TextName, problem.File, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InTheCurationIsReported()
    {
        using var seeds = new SeedsFolder();
        File.WriteAllBytes(seeds.Yaml, [.. File.ReadAllBytes(seeds.Yaml), .. "# caf"u8, 0xE9, (byte)'\n']);

        var error = seeds.LoadFails();

        var problem = Assert.Single(error.Problems);
        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExactTextNotInTheArticleIsReportedAtTheExactValue()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(
            seeds.Yaml,
            "exact: The number, composition, and losses of the North Korean military contingent are not specified",
            "exact: The number of North Korean troops is not specified",
            "The number");
        var path = $"statements[{SeedsFolder.ItemIndex(seeds.Yaml, "statements", "p7-not-specified-note")}].exact";

        var problem = Assert.Single(seeds.LoadFails().Problems, p => p.Path == path);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("text \"The number of North Korean troops is not specified\" was not found in the article", problem.Message);
    }

    [Fact]
    public void ProblemReadsAsFileLineColumnPathAndMessage()
    {
        using var seeds = new SeedsFolder();
        var (line, column) = seeds.Edit(seeds.Yaml, "exact: combat exploits", "exact: combat feats", "combat feats");
        var index = SeedsFolder.ItemIndex(seeds.Yaml, "statements", "p7-combat-exploits-partial");

        var problem = Assert.Single(seeds.LoadFails().Problems, p => p.Path.EndsWith(".exact", StringComparison.Ordinal));

        Assert.Equal(
            $"{Path.Combine("seeds", YamlName)}:{line}:{column} statements[{index}].exact: text \"combat feats\" was not found in the article",
            problem.ToString());
    }

    [Fact]
    public void ExactTextThatOccursSeveralTimesAsksForAPrefixOrSuffix()
    {
        using var seeds = new SeedsFolder();
        var occurrences = SeedText.Read(seeds.Text).Split("Kursk region").Length - 1;
        var at = seeds.Edit(seeds.Yaml, "exact: 'the \"liberation\" of the Kursk region'", "exact: Kursk region", "Kursk region");
        var path = $"statements[{SeedsFolder.ItemIndex(seeds.Yaml, "statements", "p1-russia-announcement")}].exact";

        var problem = Assert.Single(seeds.LoadFails().Problems, p => p.Path == path);

        Assert.Equal(5, occurrences);
        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal($"text \"Kursk region\" occurs {occurrences} times in the article; add a prefix or suffix to say which", problem.Message);
    }

    [Fact]
    public void PrefixPicksOneOfSeveralOccurrences()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "exact: 'the \"liberation\" of the Kursk region'", "exact: Kursk region\n    prefix: 'the \"liberation\" of the '");

        var loaded = seeds.Load();

        var statement = Assert.Single(loaded.Statements, s => s.Id == "p1-russia-announcement");
        var text = Assert.Single(loaded.Articles).Text;
        Assert.Equal(SeedText.CodePointIndexOf(text, "\"liberation\" of the Kursk region") + "\"liberation\" of the ".Length, statement.Start);
        Assert.Equal("Kursk region", statement.Text);
    }

    [Theory]
    [InlineData("statements", "p1-russia-announcement", "speaker: russia", "speaker: rusia", "speaker", "rusia")]
    [InlineData("statements", "p5-un-charter-partial", "parent: p5-pyongyang-claims\n", "parent: p5-pyongyang-claims\n    source: un-charta\n", "source", "un-charta")]
    [InlineData("claims", "kursk-region-liberated", "claimant: russia", "claimant: rusia", "claimant", "rusia")]
    [InlineData("claims", "kursk-region-liberated", "mentions: [russia, kursk-region, ukrainian-forces]", "mentions: [russia, kursk-oblast, ukrainian-forces]", "mentions[1]", "kursk-oblast")]
    [InlineData("claims", "pyongyang-monument-announced", "{ name: location, value: Pyongyang, entity: pyongyang }", "{ name: location, value: Pyongyang, entity: pjongjang }", "qualifiers[0].entity", "pjongjang")]
    public void UnknownEntityReferenceIsReportedWhereItIsWritten(string section, string item, string old, string replacement, string field, string unknown)
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, old, replacement, unknown);
        var path = $"{section}[{SeedsFolder.ItemIndex(seeds.Yaml, section, item)}].{field}";

        var problem = Assert.Single(seeds.LoadFails().Problems, p => p.Path == path);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal($"unknown entity '{unknown}'", problem.Message);
    }

    [Fact]
    public void UnknownPartOfIsReportedWithItsFileAndPath()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "partOf: dprk-russia-treaty", "partOf: dprk-russia-pact");
        var path = $"entities[{SeedsFolder.ItemIndex(seeds.Yaml, "entities", "dprk-russia-treaty-article-4")}].partOf";

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(path, problem.Path);
        Assert.Equal("unknown entity 'dprk-russia-pact'", problem.Message);
    }

    [Fact]
    public void UnknownPartOfIsReportedAtTheValue()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "partOf: dprk-russia-treaty", "partOf: dprk-russia-pact", "dprk-russia-pact");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(at, (problem.Line, problem.Column));
    }

    [Fact]
    public void AnEntityPartOfItselfIsReported()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "partOf: dprk-russia-treaty", "partOf: dprk-russia-treaty-article-4", "dprk-russia-treaty-article-4");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("an entity cannot be part of itself", problem.Message);
    }

    [Fact]
    public void ProblemsNameTheSeedsFolderEvenWhenItsPathEndsWithASlash()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "speaker: russia", "speaker: nobody");

        var error = Assert.Throws<SeedException>(() => SeedLoader.Load(seeds.Path + Path.DirectorySeparatorChar));

        Assert.StartsWith("seeds/" + TestPaths.SeedStem + ".yaml:", error.Problems[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPartOfAfterASkippedEntityNamesTheRightEntity()
    {
        using var seeds = new SeedsFolder();
        File.Copy(seeds.Text, seeds.FileNamed(OtherStem + ".txt"));
        File.WriteAllText(seeds.FileNamed(OtherStem + ".yaml"), """
            entities:
              - id: dprk
                name: DPRK
                kind: state
              - id: kcna
                name: Korean Central News Agency
                kind: organisation
                partOf: dprk-goverment
            """);

        var problems = seeds.LoadFails().Problems;

        Assert.Contains(problems, p => p.Path == "entities[0].id");
        var problem = Assert.Single(problems, p => p.Message == "unknown entity 'dprk-goverment'");
        Assert.Equal("entities[1].partOf", problem.Path);
    }

    [Fact]
    public void UnknownParentStatementIsReported()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "parent: p5-pyongyang-claims", "parent: p5-pyongyang-says", "p5-pyongyang-says");
        var path = $"statements[{SeedsFolder.ItemIndex(seeds.Yaml, "statements", "p5-un-charter-partial")}].parent";

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(path, problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("unknown statement 'p5-pyongyang-says'", problem.Message);
    }

    [Fact]
    public void NestedStatementOutsideItsParentIsReported()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "parent: p5-pyongyang-claims", "parent: p4-quote", "p4-quote");
        var path = $"statements[{SeedsFolder.ItemIndex(seeds.Yaml, "statements", "p5-un-charter-partial")}].parent";

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(path, problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("a nested statement must lie inside its parent, but 'p5-un-charter-partial' is not inside 'p4-quote'", problem.Message);
    }

    [Fact]
    public void UnclosedQuoteIsReportedAsInvalidYaml()
    {
        using var seeds = new SeedsFolder();
        var (line, _) = seeds.Edit(seeds.Yaml, "exact: 'the \"liberation\" of the Kursk region'", "exact: 'the \"liberation\" of the Kursk region");
        // The quoted scalar runs on to the next quote, where the parser gives up: the error lies between the two.
        var yaml = File.ReadAllLines(seeds.Yaml);
        var nextQuote = Enumerable.Range(line + 1, yaml.Length - line).First(n => yaml[n - 1].Contains('\'', StringComparison.Ordinal));

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal("", problem.Path);
        Assert.StartsWith("invalid YAML: ", problem.Message, StringComparison.Ordinal);
        Assert.InRange(problem.Line, line, nextQuote);
    }

    [Fact]
    public void BadIndentationIsReportedAtItsLine()
    {
        using var seeds = new SeedsFolder();
        var (line, _) = seeds.Edit(seeds.Yaml, "    cue: announcement\n", "    cue: announcement\n      exact: x\n", "      exact");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
        Assert.Equal("", problem.Path);
        Assert.StartsWith("invalid YAML: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyIsReportedAtTheKey()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "    cue: announcement\n", "    cue: announcement\n    tone: neutral\n", "tone");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.StartsWith("unknown key 'tone'", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ClaimsApi.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimTextLongerThanTheColumnIsRejectedOnEveryProvider()
    {
        using var seeds = new SeedsFolder();
        var yaml = File.ReadAllText(seeds.Yaml);
        var line = yaml.Split('\n').First(l => l.StartsWith("    text: The legal basis", StringComparison.Ordinal));
        File.WriteAllText(seeds.Yaml, yaml.Replace(line, "    text: " + new string('x', Limits.ClaimText + 1), StringComparison.Ordinal));

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(".text", problem.Path, StringComparison.Ordinal);
        Assert.Equal($"the value is {Limits.ClaimText + 1} characters long; at most {Limits.ClaimText} are stored", problem.Message);
    }

    [Fact]
    public void TwoArticleFilesWithTheSameIdAreRejected()
    {
        using var seeds = new SeedsFolder();
        File.Copy(seeds.Text, seeds.FileNamed("001_9c422c9df4965fec.txt"));

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith("001_9c422c9df4965fec.txt", problem.File, StringComparison.Ordinal);
        Assert.Contains("article id '9c422c9df4965fec' is already used by " + TestPaths.SeedStem + ".txt", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimMayCarryAReviewedStatus()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "    kind: prediction\n", "    kind: prediction\n    status: unproven\n");

        var claim = seeds.Load().Claims.Single(c => c.Id == "pyongyang-monument-announced");

        Assert.Equal(VerificationStatus.Unproven, claim.Status);
        Assert.All(seeds.Load().Claims.Where(c => c.Id != claim.Id), c => Assert.Equal(VerificationStatus.Unverified, c.Status));
    }

    [Fact]
    public void AnUnknownStatusIsReportedWithTheAllowedValues()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "    kind: prediction\n", "    kind: prediction\n    status: dubious\n", "dubious");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.StartsWith("unknown status 'dubious': expected one of unverified, true, mostly-true", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APartOfCycleIsReported()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "  - id: dprk-russia-treaty\n", "  - id: dprk-russia-treaty\n    partOf: dprk-russia-treaty-article-4\n");

        var problems = seeds.LoadFails().Problems;

        Assert.Contains(problems, p => p.Message.StartsWith("partOf goes round in a circle: ", StringComparison.Ordinal) && p.Message.Contains("dprk-russia-treaty", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyGivenTwiceIsReportedAsInvalidYaml()
    {
        using var seeds = new SeedsFolder();
        var (line, _) = seeds.Edit(seeds.Yaml, "    cue: announcement\n", "    cue: announcement\n    cue: announced\n", "    cue: announced");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
        Assert.StartsWith("invalid YAML: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementIdUsedTwiceIsReportedAtTheSecond()
    {
        using var seeds = new SeedsFolder();
        var index = SeedsFolder.ItemIndex(seeds.Yaml, "statements", "p7-combat-exploits-partial");
        var at = seeds.Edit(seeds.Yaml, "  - id: p7-combat-exploits-partial", "  - id: p7-monument", "p7-monument");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal($"statements[{index}].id", problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("statement 'p7-monument' is defined twice", problem.Message);
    }

    [Fact]
    public void ClaimIdUsedTwiceIsReportedAtTheSecond()
    {
        using var seeds = new SeedsFolder();
        var index = SeedsFolder.ItemIndex(seeds.Yaml, "claims", "contingent-details-not-disclosed");
        var at = seeds.Edit(seeds.Yaml, "  - id: contingent-details-not-disclosed", "  - id: pyongyang-monument-announced", "pyongyang-monument-announced");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal($"claims[{index}].id", problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("claim 'pyongyang-monument-announced' is defined twice", problem.Message);
    }

    [Fact]
    public void EntityDefinedAgainInAnotherFileIsReportedThere()
    {
        using var seeds = new SeedsFolder();
        File.Copy(seeds.Text, seeds.FileNamed(OtherStem + ".txt"));
        File.WriteAllText(seeds.FileNamed(OtherStem + ".yaml"), "entities:\n  - id: dprk\n    name: DPRK\n    kind: state\n");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(OtherStem + ".yaml", problem.File, StringComparison.Ordinal);
        Assert.Equal(("entities[0].id", 2, 9), (problem.Path, problem.Line, problem.Column));
        Assert.Equal($"entity 'dprk' is already defined in {YamlName}", problem.Message);
    }

    [Fact]
    public void CurationFileWithoutItsArticleIsReported()
    {
        using var seeds = new SeedsFolder();
        File.WriteAllText(seeds.FileNamed(OtherStem + ".yaml"), "entities: []\n");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(OtherStem + ".yaml", problem.File, StringComparison.Ordinal);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Equal($"there is no article file {OtherStem}.txt beside this curation file", problem.Message);
    }

    [Fact]
    public void EvidenceQuoteOutsideItsStatementIsNotFound()
    {
        using var seeds = new SeedsFolder();
        Assert.Contains("the Kursk region of Russia", SeedText.Read(seeds.Text), StringComparison.Ordinal);
        var at = seeds.Edit(seeds.Yaml, "exact: participated in the operation to liberate the Kursk region", "exact: the Kursk region of Russia", "the Kursk");
        var claim = SeedsFolder.ItemIndex(seeds.Yaml, "claims", "dprk-troops-fought-in-kursk");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal($"claims[{claim}].evidence[2].exact", problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("text \"the Kursk region of Russia\" was not found in statement 'p2-quote'", problem.Message);
    }

    [Fact]
    public void UnknownEvidenceStatementIsReported()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "      - statement: p7-monument", "      - statement: p7-memorial", "p7-memorial");
        var claim = SeedsFolder.ItemIndex(seeds.Yaml, "claims", "pyongyang-monument-announced");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal($"claims[{claim}].evidence[0].statement", problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("unknown statement 'p7-memorial'", problem.Message);
    }

    [Fact]
    public void UnknownLinkTargetIsReportedAtTheLink()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "{ kind: same-as, claim: kursk-region-liberated }", "{ kind: same-as, claim: kursk-region-liberatd }", "kursk-region-liberatd");
        var claim = SeedsFolder.ItemIndex(seeds.Yaml, "claims", "kursk-region-liberated-dprk-echo");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal($"claims[{claim}].links[0].claim", problem.Path);
        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("unknown claim 'kursk-region-liberatd'", problem.Message);
    }

    [Theory]
    [InlineData("entities", "dprk-russia-treaty-article-4", "kind: treaty-article", "kind: treaty-clause", "kind",
        "unknown kind 'treaty-clause': expected one of person, organisation, state, armed-forces, place, treaty, treaty-article, document, event, publication")]
    [InlineData("statements", "p7-combat-exploits-partial", "kind: partial-quote\n    exact: combat exploits", "kind: scare-quote\n    exact: combat exploits", "kind",
        "unknown kind 'scare-quote': expected one of direct-quote, unmarked-quote, reported-speech, partial-quote, publisher-note")]
    [InlineData("claims", "pyongyang-monument-announced", "kind: prediction", "kind: forecast", "kind",
        "unknown kind 'forecast': expected one of factual, legal, causal, prediction, opinion")]
    [InlineData("claims", "kursk-region-liberated-dprk-echo", "{ kind: same-as, claim: kursk-region-liberated }", "{ kind: equals, claim: kursk-region-liberated }", "links[0].kind",
        "unknown kind 'equals': expected one of supports, contradicts, same-as, refines")]
    public void UnknownKindIsReportedWithTheAllowedValues(string section, string item, string old, string replacement, string field, string message)
    {
        using var seeds = new SeedsFolder();
        var value = replacement[(replacement.IndexOf("kind: ", StringComparison.Ordinal) + "kind: ".Length)..].Split([',', '\n'])[0];
        var at = seeds.Edit(seeds.Yaml, old, replacement, value);
        var path = $"{section}[{SeedsFolder.ItemIndex(seeds.Yaml, section, item)}].{field}";

        var problem = Assert.Single(seeds.LoadFails().Problems, p => p.Path == path);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void MissingKindIsReportedWithTheAllowedValues()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "    kind: prediction\n", "");
        var path = $"claims[{SeedsFolder.ItemIndex(seeds.Yaml, "claims", "pyongyang-monument-announced")}].kind";

        var problem = Assert.Single(seeds.LoadFails().Problems, p => p.Path == path);

        Assert.Equal("a kind is required: one of factual, legal, causal, prediction, opinion", problem.Message);
    }

    [Fact]
    public void AllProblemsAreReportedTogether()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "speaker: russia", "speaker: rusia");
        seeds.Edit(seeds.Yaml, "kind: prediction", "kind: forecast");
        seeds.Edit(seeds.Yaml, "claim: kursk-region-liberated }", "claim: kursk-region-liberatd }");

        var problems = seeds.LoadFails().Problems;

        Assert.Contains(problems, p => p.Message == "unknown entity 'rusia'");
        Assert.Contains(problems, p => p.Message.StartsWith("unknown kind 'forecast'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message == "unknown claim 'kursk-region-liberatd'");
    }

    [Fact]
    public void NonAsciiArticleIsAnchoredInCodePoints()
    {
        using var seeds = new SeedsFolder(copyShippedSeeds: false);
        const string stem = "000_00000000000000aa";
        File.Copy(Path.Combine(TestPaths.Fixtures, "non-ascii.txt"), seeds.FileNamed(stem + ".txt"));
        File.WriteAllText(seeds.FileNamed(stem + ".yaml"), """
            entities:
              - id: ivan-petrov
                name: Иван Петров
                kind: person
            statements:
              - id: petrov-quote
                speaker: ivan-petrov
                kind: direct-quote
                exact: Это хороший пример для Москвы.
            claims:
              - id: good-example
                text: Zürich’s plan is a good example for Moscow.
                claimant: ivan-petrov
                kind: opinion
                evidence:
                  - statement: petrov-quote
                    exact: пример
            """);
        var text = SeedText.Read(seeds.FileNamed(stem + ".txt"));

        var loaded = seeds.Load();

        var statement = Assert.Single(loaded.Statements);
        var evidence = Assert.Single(Assert.Single(loaded.Claims).Evidence);
        Assert.Equal((465, 495), (statement.Start, statement.End)); // Python: text.index("Это хороший пример для Москвы.")
        Assert.Equal(SeedText.CodePointIndexOf(text, "Это хороший"), statement.Start);
        Assert.Equal((477, 483), (evidence.Start, evidence.End));
        Assert.Equal("пример", CodePoints.Slice(text, evidence.Start, evidence.End));
    }

    [Fact]
    public void EntityNamesAndAliasesAreStoredFolded()
    {
        var dprk = Assert.Single(SeedLoader.Load(TestPaths.Seeds).Entities, e => e.Id == "dprk");

        Assert.Equal("north korea", dprk.NormalizedName);
        Assert.Contains(dprk.Aliases, a => a.Alias == "Democratic People's Republic of Korea" && a.NormalizedAlias == "democratic people's republic of korea");
    }
}
