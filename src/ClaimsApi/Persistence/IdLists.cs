using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Persistence;

/// <summary>
/// "Records whose key is one of these ids", translated as suits the number of ids. EF Core 10 sends a list as one
/// SQL parameter per id (<c>IN (@ids1, @ids2, …)</c>), which the read paths' plans are tuned to and which serves the
/// short lists of a page well; for thousands of ids (a batch of an import, rendered at once) naming the parameters
/// alone costs time that grows with the square of their number, and every new count is a new statement to prepare.
/// Past <see cref="MaxParameters"/> the list is one array-like parameter instead (<c>json_each</c> on SQLite, an
/// array on PostgreSQL).
/// </summary>
public static class IdLists
{
    /// <summary>The most ids sent as a parameter each: a page's worth (lists show at most 100).</summary>
    public const int MaxParameters = 100;

    /// <summary>The records of <paramref name="source"/> whose <paramref name="key"/> is one of <paramref name="ids"/>.</summary>
    public static IQueryable<T> WhereIn<T>(this IQueryable<T> source, Expression<Func<T, string>> key, IReadOnlyCollection<string> ids)
    {
        var list = ids as List<string> ?? [.. ids];
        Expression<Func<string, bool>> contains = list.Count <= MaxParameters ? id => list.Contains(id) : id => EF.Parameter(list).Contains(id);
        var body = new Substitute(contains.Parameters[0], key.Body).Visit(contains.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(body, key.Parameters));
    }

    private sealed class Substitute(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : base.VisitParameter(node);
    }
}
