namespace ClaimsApi.Tests.Seeding;

/// <summary>The seed loader's reports of the rules it shares with the API (Domain/Rules): statement nesting and part-of circles.</summary>
public sealed class SeedLoaderRuleTests
{
    [Fact]
    public void AStatementThatIsItsOwnParentIsReported()
    {
        using var seeds = new SeedsFolder();
        var at = seeds.Edit(seeds.Yaml, "parent: lead-note", "parent: lead-cmc-confirmed", "lead-cmc-confirmed");
        var path = $"statements[{SeedsFolder.ItemIndex(seeds.Yaml, "statements", "lead-cmc-confirmed")}].parent";

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal(path, problem.Path);
        Assert.Equal(at, (problem.Line, problem.Column));
        Assert.Equal("a statement cannot be its own parent", problem.Message);
    }

    [Fact]
    public void AParentInAnotherArticleIsReportedAsNotInsideIt()
    {
        using var seeds = new SeedsFolder();
        File.Copy(seeds.Text, seeds.FileNamed(SeedLoaderTests.OtherStem + ".txt"));
        File.WriteAllText(seeds.FileNamed(SeedLoaderTests.OtherStem + ".yaml"), """
            statements:
              - id: other-title
                speaker: dprk
                kind: reported-speech
                exact: North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region
                parent: title-note
            """);

        var problem = Assert.Single(seeds.LoadFails().Problems);

        Assert.Equal("statements[0].parent", problem.Path);
        Assert.Equal("a nested statement must lie inside its parent, but 'other-title' is not inside 'title-note'", problem.Message);
    }

    [Fact]
    public void ParentsThatGoRoundInACircleAreReportedForEachStatementOnIt()
    {
        using var seeds = new SeedsFolder();
        File.Copy(seeds.Text, seeds.FileNamed(SeedLoaderTests.OtherStem + ".txt"));
        File.WriteAllText(seeds.FileNamed(SeedLoaderTests.OtherStem + ".yaml"), """
            statements:
              - id: circle-a
                speaker: dprk
                kind: reported-speech
                exact: North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region
                parent: circle-b
              - id: circle-b
                speaker: dprk
                kind: reported-speech
                exact: North Korea confirmed the participation of its military in the fighting against Ukraine in the Kursk region
                parent: circle-a
            """);

        var problems = seeds.LoadFails().Problems;

        Assert.Equal(
            [("statements[0].parent", "parent goes round in a circle through 'circle-a'"), ("statements[1].parent", "parent goes round in a circle through 'circle-b'")],
            problems.Select(p => (p.Path, p.Message)).Order());
    }

    [Fact]
    public void APartOfCycleIsReportedWithTheCircleForEachEntityOnIt()
    {
        using var seeds = new SeedsFolder();
        seeds.Edit(seeds.Yaml, "  - id: dprk-russia-treaty\n", "  - id: dprk-russia-treaty\n    partOf: dprk-russia-treaty-article-4\n");

        var problems = seeds.LoadFails().Problems;

        Assert.Equal(
            [
                "partOf goes round in a circle: dprk-russia-treaty → dprk-russia-treaty-article-4 → dprk-russia-treaty",
                "partOf goes round in a circle: dprk-russia-treaty-article-4 → dprk-russia-treaty → dprk-russia-treaty-article-4",
            ],
            problems.Select(p => p.Message).Order(StringComparer.Ordinal));
    }
}
