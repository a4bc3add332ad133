namespace ClaimsApi.Domain.Rules;

/// <summary>The part-of rule an entity's link breaks.</summary>
public enum PartOfRule
{
    /// <summary>The entity names itself as what it is part of.</summary>
    Self,

    /// <summary>There is no such entity to be part of.</summary>
    UnknownParent,

    /// <summary>Following partOf from the new parent leads back to the entity.</summary>
    Cycle,
}

/// <summary>Why an entity cannot be part of another.</summary>
/// <param name="Rule">The rule the link breaks.</param>
/// <param name="Cycle">For <see cref="PartOfRule.Cycle"/>, the circle from the entity back to it ("a", "b", "a"); empty otherwise.</param>
public sealed record PartOfProblem(PartOfRule Rule, IReadOnlyList<string> Cycle);

/// <summary>
/// The part-of rules the seed loader and the write API share, written against lookups rather than a database so
/// that each caller answers them from what it has (the seeds in memory, or the links loaded in one query) and
/// words the answer its own way.
/// </summary>
public static class PartOfRules
{
    /// <summary>What is wrong with entity <paramref name="id"/> being part of <paramref name="partOf"/>, or null when nothing is.</summary>
    /// <param name="id">The entity.</param>
    /// <param name="partOf">What it is to be part of; null (part of nothing) always passes.</param>
    /// <param name="exists">Whether an entity can be named as a parent.</param>
    /// <param name="parentOf">What an entity is part of now, or null (part of nothing, or unknown); <paramref name="id"/>'s own link is never asked.</param>
    public static PartOfProblem? Check(string id, string? partOf, Func<string, bool> exists, Func<string, string?> parentOf)
    {
        if (partOf is null)
        {
            return null;
        }

        if (partOf == id)
        {
            return new PartOfProblem(PartOfRule.Self, []);
        }

        if (!exists(partOf))
        {
            return new PartOfProblem(PartOfRule.UnknownParent, []);
        }

        return ParentChains.FindCycle(id, partOf, parentOf) is { } cycle ? new PartOfProblem(PartOfRule.Cycle, cycle) : null;
    }
}
