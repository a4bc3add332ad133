using ClaimsApi.Domain.Rules;
using CsCheck;

namespace ClaimsApi.Tests.Domain;

/// <summary>Part-of links and statement parents, as the seed loader and the write API check them (<see cref="ParentChains"/>, <see cref="PartOfRules"/>).</summary>
public sealed class ParentChainsTests
{
    /// <summary>A forest: every node's parent, if any, comes before it, so no chain goes round a circle.</summary>
    private static readonly Gen<Links> Forests =
        from n in Gen.Int[1, 30]
        from picks in Gen.Int[0, 1000].Array[n]
        from roots in Gen.Bool.Array[n]
        select Links.Indexed(picks.Select((p, i) => i == 0 || roots[i] ? (int?)null : p % i));

    /// <summary>Any links at all: a node may have no parent, any other node, or itself, so circles are common.</summary>
    private static readonly Gen<Links> Graphs =
        from n in Gen.Int[1, 12]
        from picks in Gen.Int[0, 12].Array[n]
        select Links.Indexed(picks.Select(p => p < n ? (int?)p : null));

    [Fact]
    public void AChainFollowsTheLinksToItsEnd()
    {
        var links = Links.Of(("a", "b"), ("b", "c"));

        Assert.Equal(["a", "b", "c"], ParentChains.Chain("a", "c", links.ParentOf));
        Assert.Equal(["a"], ParentChains.Chain("a", "a", links.ParentOf));
        Assert.Null(ParentChains.Chain("c", "a", links.ParentOf));
        Assert.Null(ParentChains.Chain("a", "unknown", links.ParentOf));
    }

    [Fact]
    public void AChainStopsAtACircleThatDoesNotReachItsEnd()
    {
        var links = Links.Of(("a", "b"), ("b", "c"), ("c", "b"));

        Assert.Null(ParentChains.Chain("a", "z", links.ParentOf));
    }

    [Fact]
    public void TheCycleRunsFromTheRecordBackToIt()
    {
        var links = Links.Of(("b", "c"), ("c", "a"));

        Assert.Equal(["a", "b", "c", "a"], ParentChains.FindCycle("a", "b", links.ParentOf));
        Assert.Null(ParentChains.FindCycle("a", null, links.ParentOf));
        Assert.Equal("a → b → c → a", ParentChains.Describe(["a", "b", "c", "a"]));
    }

    [Fact]
    public void TheLinkBeingReplacedIsNeverAsked()
    {
        string? ParentOf(string id) => id == "a" ? throw new InvalidOperationException("asked for a's own parent") : id == "b" ? "c" : null;

        Assert.Null(ParentChains.FindCycle("a", "b", ParentOf));
        Assert.Null(PartOfRules.Check("a", "b", _ => true, ParentOf));
    }

    [Fact]
    public void PartOfChecksItselfThenExistenceThenCircles()
    {
        var links = Links.Of(("b", "a"));
        bool Exists(string id) => id is "a" or "b";

        Assert.Null(PartOfRules.Check("a", null, Exists, links.ParentOf));
        Assert.Equal(PartOfRule.Self, PartOfRules.Check("a", "a", Exists, links.ParentOf)?.Rule);
        Assert.Equal(PartOfRule.UnknownParent, PartOfRules.Check("a", "z", Exists, links.ParentOf)?.Rule);
        Assert.Empty(PartOfRules.Check("a", "z", Exists, links.ParentOf)!.Cycle);
        var cycle = PartOfRules.Check("a", "b", Exists, links.ParentOf);
        Assert.Equal(PartOfRule.Cycle, cycle?.Rule);
        Assert.Equal(["a", "b", "a"], cycle!.Cycle);
    }

    [Fact]
    public void APartOfLinkThatExistsIsUnknownWhenTheCallerSaysSo()
    {
        // A deleted entity keeps its links (they count for circles) but cannot be named as a parent.
        var links = Links.Of(("deleted", "a"));

        Assert.Equal(PartOfRule.UnknownParent, PartOfRules.Check("a", "deleted", id => id != "deleted", links.ParentOf)?.Rule);
    }

    [Fact]
    public void NoLinkOfAForestClosesACircle()
    {
        Forests.Sample(forest =>
        {
            foreach (var id in forest.Ids)
            {
                Assert.Null(ParentChains.FindCycle(id, forest.ParentOf(id), forest.ParentOf));
                Assert.Null(PartOfRules.Check(id, forest.ParentOf(id), forest.Exists, forest.ParentOf));
            }
        }, print: f => f.ToString());
    }

    [Fact]
    public void GivingANodeADescendantAsParentAlwaysClosesACircle()
    {
        Forests.Sample(forest =>
        {
            foreach (var descendant in forest.Ids)
            {
                foreach (var ancestor in forest.Ancestors(descendant))
                {
                    var problem = PartOfRules.Check(ancestor, descendant, forest.Exists, forest.ParentOf);

                    Assert.Equal(PartOfRule.Cycle, problem?.Rule);
                    Assert.Equal(ancestor, problem!.Cycle[0]);
                    Assert.Equal(descendant, problem.Cycle[1]);
                    Assert.Equal(ancestor, problem.Cycle[^1]);
                    for (var i = 1; i < problem.Cycle.Count - 1; i++)
                    {
                        Assert.Equal(problem.Cycle[i + 1], forest.ParentOf(problem.Cycle[i]));
                    }
                }
            }
        }, print: f => f.ToString());
    }

    [Fact]
    public void GivingANodeAParentOutsideItsDescendantsNeverClosesACircle()
    {
        Forests.Sample(forest =>
        {
            foreach (var node in forest.Ids)
            {
                foreach (var parent in forest.Ids.Where(p => p != node && !forest.Ancestors(p).Contains(node)))
                {
                    Assert.Null(PartOfRules.Check(node, parent, forest.Exists, forest.ParentOf));
                }
            }
        }, print: f => f.ToString());
    }

    [Fact]
    public void AChainIsFoundExactlyWhenFollowingTheLinksGetsThere()
    {
        Graphs.Sample(graph =>
        {
            foreach (var from in graph.Ids)
            {
                foreach (var to in graph.Ids)
                {
                    // Reference: take at most one step per node; a path that gets there never repeats a node.
                    var path = new List<string> { from };
                    while (path[^1] != to && path.Count <= graph.Ids.Count && graph.ParentOf(path[^1]) is { } next)
                    {
                        path.Add(next);
                    }

                    var expected = path[^1] == to && path.Distinct().Count() == path.Count ? path : null;
                    Assert.Equal(expected, ParentChains.Chain(from, to, graph.ParentOf));
                }
            }
        }, print: g => g.ToString());
    }

    /// <summary>Records and their parents.</summary>
    private sealed class Links(Dictionary<string, string?> parents)
    {
        public List<string> Ids => [.. parents.Keys];

        public static Links Of(params (string Id, string Parent)[] links) => new(links.ToDictionary(l => l.Id, l => (string?)l.Parent));

        /// <summary>Nodes "n0", "n1", … with the parents given by index.</summary>
        public static Links Indexed(IEnumerable<int?> parents) => new(parents.Select((p, i) => (Id: $"n{i}", Parent: p is { } q ? $"n{q}" : null)).ToDictionary(x => x.Id, x => x.Parent));

        public string? ParentOf(string id) => parents.GetValueOrDefault(id);

        public bool Exists(string id) => parents.ContainsKey(id);

        /// <summary>The nodes above <paramref name="id"/>, nearest first (in a forest).</summary>
        public List<string> Ancestors(string id)
        {
            var ancestors = new List<string>();
            for (var next = ParentOf(id); next is not null; next = ParentOf(next))
            {
                ancestors.Add(next);
            }

            return ancestors;
        }

        public override string ToString() => string.Join(", ", parents.Select(m => $"{m.Key}→{m.Value ?? "·"}"));
    }
}
