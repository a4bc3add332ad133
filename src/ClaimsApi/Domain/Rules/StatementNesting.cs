namespace ClaimsApi.Domain.Rules;

/// <summary>Where a statement is: its article and its span there (code points).</summary>
public readonly record struct StatementPlace(string ArticleId, int Start, int End)
{
    public static StatementPlace Of(Statement statement) => new(statement.ArticleId, statement.Start, statement.End);

    /// <summary>Whether <paramref name="inner"/> lies inside this span, in the same article.</summary>
    public bool Contains(StatementPlace inner) => inner.ArticleId == ArticleId && Start <= inner.Start && inner.End <= End;
}

/// <summary>The nesting rule a statement's parent breaks.</summary>
public enum NestingRule
{
    /// <summary>The statement names itself as its parent.</summary>
    OwnParent,

    /// <summary>There is no such statement to nest in.</summary>
    UnknownParent,

    /// <summary>The parent is in another article.</summary>
    OtherArticle,

    /// <summary>The statement's span is not inside the parent's.</summary>
    Outside,

    /// <summary>Following the parents up from the new parent leads back to the statement.</summary>
    Cycle,
}

/// <summary>Why a statement cannot nest in a parent.</summary>
/// <param name="Rule">The rule the parent breaks.</param>
/// <param name="Parent">Where the parent is, when there is one.</param>
/// <param name="Cycle">For <see cref="NestingRule.Cycle"/>, the circle from the statement back to it ("a", "b", "a"); empty otherwise.</param>
public sealed record NestingProblem(NestingRule Rule, StatementPlace? Parent, IReadOnlyList<string> Cycle);

/// <summary>
/// The rule for nested statements that the seed loader and the write API share: a statement nests in another
/// statement of the same article whose span contains its own, and following parents up never comes back to it.
/// Written against lookups, so each caller answers them from what it has and words the answer its own way.
/// </summary>
public static class StatementNesting
{
    /// <summary>What is wrong with statement <paramref name="id"/> nesting in <paramref name="parentId"/>, or null when nothing is.</summary>
    /// <param name="id">The statement.</param>
    /// <param name="parentId">Its parent.</param>
    /// <param name="place">
    /// Where the statement is; null when that is not known (its article or quote is wrong, and reported as such),
    /// when only whether the parent exists is checked.
    /// </param>
    /// <param name="find">Where a statement that can be a parent is, or null when there is none by that id.</param>
    /// <param name="parentOf">A statement's parent now, or null; <paramref name="id"/>'s own is never asked.</param>
    public static NestingProblem? Check(string id, string parentId, StatementPlace? place, Func<string, StatementPlace?> find, Func<string, string?> parentOf)
    {
        if (parentId == id)
        {
            return new NestingProblem(NestingRule.OwnParent, null, []);
        }

        if (find(parentId) is not { } parent)
        {
            return new NestingProblem(NestingRule.UnknownParent, null, []);
        }

        if (place is not { } child)
        {
            return null;
        }

        if (parent.ArticleId != child.ArticleId)
        {
            return new NestingProblem(NestingRule.OtherArticle, parent, []);
        }

        if (!parent.Contains(child))
        {
            return new NestingProblem(NestingRule.Outside, parent, []);
        }

        return ParentChains.FindCycle(id, parentId, parentOf) is { } cycle ? new NestingProblem(NestingRule.Cycle, parent, cycle) : null;
    }
}
