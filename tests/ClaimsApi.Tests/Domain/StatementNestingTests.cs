using ClaimsApi.Domain.Rules;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

/// <summary>Where a nested statement may lie (<see cref="StatementNesting"/>).</summary>
public sealed class StatementNestingTests
{
    /// <summary>Where every statement of <see cref="Forests"/> is.</summary>
    private static readonly StatementPlace Place = new("a1", 0, 10);

    private static readonly Dictionary<string, (StatementPlace Place, string? Parent)> Article = new()
    {
        ["outer"] = (new StatementPlace("a1", 0, 100), null),
        ["inner"] = (new StatementPlace("a1", 10, 50), "outer"),
        ["innermost"] = (new StatementPlace("a1", 20, 30), "inner"),
        ["elsewhere"] = (new StatementPlace("a2", 0, 100), null),
    };

    /// <summary>
    /// Statements that all quote the same words (so each lies inside every other, and only circles can be wrong),
    /// nested as a forest: a statement's parent, if any, comes before it.
    /// </summary>
    private static readonly Gen<int?[]> Forests =
        from n in Gen.Int[1, 25]
        from picks in Gen.Int[0, 1000].Array[n]
        from roots in Gen.Bool.Array[n]
        select picks.Select((p, i) => i == 0 || roots[i] ? (int?)null : p % i).ToArray();

    [Fact]
    public void AStatementInsideItsParentPasses()
    {
        Assert.Null(Check("innermost", "inner", new StatementPlace("a1", 20, 30)));
        Assert.Null(Check("new", "inner", new StatementPlace("a1", 10, 50)));
    }

    [Fact]
    public void AStatementCannotBeItsOwnParent() =>
        Assert.Equal(NestingRule.OwnParent, Check("inner", "inner", new StatementPlace("a1", 10, 50))?.Rule);

    [Fact]
    public void AnUnknownParentIsReportedEvenWhenTheStatementsPlaceIsNotKnown()
    {
        Assert.Equal(NestingRule.UnknownParent, Check("new", "nowhere", new StatementPlace("a1", 0, 1))?.Rule);
        Assert.Equal(NestingRule.UnknownParent, Check("new", "nowhere", null)?.Rule);
        Assert.Null(Check("new", "outer", null));
    }

    [Fact]
    public void AParentInAnotherArticleIsReportedWithWhereItIs()
    {
        var problem = Check("new", "elsewhere", new StatementPlace("a1", 0, 10));

        Assert.Equal(NestingRule.OtherArticle, problem?.Rule);
        Assert.Equal(new StatementPlace("a2", 0, 100), problem!.Parent);
    }

    [Theory]
    [InlineData(5, 30)]
    [InlineData(20, 51)]
    [InlineData(0, 100)]
    public void AStatementOutsideItsParentIsReportedWithTheParentsSpan(int start, int end)
    {
        var problem = Check("new", "inner", new StatementPlace("a1", start, end));

        Assert.Equal(NestingRule.Outside, problem?.Rule);
        Assert.Equal(new StatementPlace("a1", 10, 50), problem!.Parent);
    }

    [Fact]
    public void NestingAStatementInsideItsOwnDescendantIsACircle()
    {
        // "outer" quotes the same words as "innermost" here, so only the circle is wrong.
        var problem = StatementNesting.Check("outer", "innermost", new StatementPlace("a1", 20, 30), Find, ParentOf);

        Assert.Equal(NestingRule.Cycle, problem?.Rule);
        Assert.Equal(["outer", "innermost", "inner", "outer"], problem!.Cycle);
    }

    [Fact]
    public void NoStatementOfANestedForestBreaksTheRule()
    {
        Forests.Sample(parents =>
        {
            var (find, parentOf) = SameWords(parents);
            for (var i = 0; i < parents.Length; i++)
            {
                if (parents[i] is { } parent)
                {
                    Assert.Null(StatementNesting.Check($"s{i}", $"s{parent}", Place, find, parentOf));
                }
            }
        }, print: Print);
    }

    [Fact]
    public void NestingAStatementInAnyOfItsDescendantsIsACircleThroughIt()
    {
        Forests.Sample(parents =>
        {
            var (find, parentOf) = SameWords(parents);
            for (var d = 0; d < parents.Length; d++)
            {
                for (var a = parents[d]; a is { } ancestor; a = parents[ancestor])
                {
                    var problem = StatementNesting.Check($"s{ancestor}", $"s{d}", Place, find, parentOf);

                    Assert.Equal(NestingRule.Cycle, problem?.Rule);
                    Assert.Equal([$"s{ancestor}", $"s{d}"], problem!.Cycle.Take(2));
                    Assert.Equal($"s{ancestor}", problem.Cycle[^1]);
                }
            }
        }, print: Print);
    }

    private static NestingProblem? Check(string id, string parentId, StatementPlace? place) => StatementNesting.Check(id, parentId, place, Find, ParentOf);

    private static StatementPlace? Find(string id) => Article.TryGetValue(id, out var s) ? s.Place : null;

    private static string? ParentOf(string id) => Article.TryGetValue(id, out var s) ? s.Parent : null;

    private static (Func<string, StatementPlace?> Find, Func<string, string?> ParentOf) SameWords(int?[] parents)
    {
        var map = parents.Select((p, i) => (Id: $"s{i}", Parent: p is { } q ? $"s{q}" : null)).ToDictionary(x => x.Id, x => x.Parent);
        return (id => map.ContainsKey(id) ? Place : null, map.GetValueOrDefault);
    }

    private static string Print(int?[] parents) => string.Join(", ", parents.Select((p, i) => $"s{i}→{(p is { } q ? $"s{q}" : "·")}"));
}
