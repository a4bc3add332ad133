using ClaimsApi.Seeding;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Seeding;

/// <summary>
/// Damaged curation files (cut short, emptied, broken YAML of every kind YamlDotNet reports) are seed problems naming
/// the file, line and column; never a bare parser exception, and never read as "the curator removed everything".
/// </summary>
public sealed class SeedLoaderDamageTests
{
    private const string YamlName = TestPaths.SeedStem + ".yaml";

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\t\r\n  \n")]
    [InlineData("# Curation of article 9c422c9df4965fec (2025-04-28)\n# Format: docs/seed-format.md.\n")]
    public void ACurationFileWithoutAYamlDocumentIsRejected(string content)
    {
        using var seeds = new SeedsFolder();
        File.WriteAllText(seeds.Yaml, content);

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.StartsWith("the curation file is empty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExplicitlyEmptyCurationIsAccepted()
    {
        using var seeds = new SeedsFolder();
        File.WriteAllText(seeds.Yaml, "# nothing curated yet\n{}\n");

        var loaded = seeds.Load();

        Assert.Single(loaded.Articles);
        Assert.Empty(loaded.Statements);
    }

    [Fact]
    public void AFlowListLeftOpenIsReportedWhereItOpens()
    {
        // YamlDotNet answers this one with a bare InvalidOperationException, without a position.
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "aliases: [Ukrainian]", "aliases: [Ukrainian", "[");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.StartsWith("invalid YAML: this '[' (or one after it) is not closed before line ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlowMapLeftOpenIsReportedWhereItOpens()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "aliases: [Ukrainian]", "aliases: {a: Ukrainian", "{");

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.StartsWith("invalid YAML: this '{' (or one after it) is not closed before line ", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>One case of each exception YamlDotNet throws for a file it cannot read, after two good lines.</summary>
    [Theory]
    [InlineData("bad: \"\\q\"\n", "SyntaxErrorException: an unknown escape")]
    [InlineData("bad: 'never closed\n", "SyntaxErrorException: a quote left open")]
    [InlineData("bad: [a, b\n", "SemanticErrorException: a flow list left open at the end")]
    [InlineData("bad: b: c\n", "SemanticErrorException: a mapping inside a plain scalar")]
    [InlineData("bad: *nowhere\n", "AnchorNotFoundException (a YamlException): an alias of no anchor")]
    [InlineData("claims: 5\n", "YamlException from binding: a number where a list belongs")]
    [InlineData("claims: [{id: [x}]\n", "InvalidOperationException: a list left open inside a map")]
    [InlineData("---\nentities: []\n", "a second document, which would be ignored")]
    public void BrokenYamlOfEveryKindIsASeedProblemWithItsPlace(string broken, string what)
    {
        using var seeds = new SeedsFolder();
        File.WriteAllText(seeds.Yaml, "article:\n  language: en\n" + broken);

        var error = Record.Exception(seeds.Load);

        var problem = Assert.Single(Assert.IsType<SeedException>(error).Problems);
        Assert.EndsWith(YamlName, problem.File, StringComparison.Ordinal);
        Assert.True(problem.Line >= 3 && problem.Column >= 1, $"{what}: reported at {problem.Line}:{problem.Column}, the damage is on line 3 or later");
        Assert.StartsWith("invalid YAML: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"{YamlName}:{problem.Line}:{problem.Column}", error.Message, StringComparison.Ordinal);
    }
}
