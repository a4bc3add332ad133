using System.Linq.Expressions;

namespace ClaimsApi.Http;

/// <summary>
/// The order of a keyset-paged list (<see cref="Paging"/>): its sort keys, the last of them unique (the id), so
/// that a position in the list is the values of its keys, and the next page is the rows after that position.
/// One definition gives both the ORDER BY and the WHERE of a page, so the two cannot disagree.
/// </summary>
/// <remarks>
/// The WHERE reads <c>k1 ⊵ a1 AND (k1 ⊳ a1 OR (k2 ⊵ a2 AND (k2 ⊳ a2 OR …)))</c>, ⊳ being &gt; for an ascending
/// key and &lt; for a descending one, so that the database can seek an index on the first key. Strings compare
/// through <see cref="string.Compare(string, string)"/>, which EF Core translates to the column's own comparison
/// (binary on SQLite, the "C" collation on PostgreSQL), as ORDER BY does. The position's values are sent as
/// parameters, not written into the SQL.
/// </remarks>
internal sealed class Keyset<T>
{
    private readonly IReadOnlyList<Key> _keys;

    private Keyset(IReadOnlyList<Key> keys) => _keys = keys;

    public static Keyset<T> Ascending<TKey>(Expression<Func<T, TKey>> key) => new([Key.Of(key, descending: false)]);

    public static Keyset<T> Descending<TKey>(Expression<Func<T, TKey>> key) => new([Key.Of(key, descending: true)]);

    public Keyset<T> ThenAscending<TKey>(Expression<Func<T, TKey>> key) => new([.. _keys, Key.Of(key, descending: false)]);

    public Keyset<T> ThenDescending<TKey>(Expression<Func<T, TKey>> key) => new([.. _keys, Key.Of(key, descending: true)]);

    /// <summary>The rows after <paramref name="after"/> (when given), in this order.</summary>
    /// <param name="rows">The rows to page.</param>
    /// <param name="after">The position the page starts after: one value per key, in the keys' order; null for the first page.</param>
    public IOrderedQueryable<T> Page(IQueryable<T> rows, object[]? after) => Order(after is null ? rows : After(rows, after));

    /// <summary>The rows in this order.</summary>
    public IOrderedQueryable<T> Order(IQueryable<T> rows)
    {
        var ordered = _keys[0].OrderBy(rows);
        foreach (var key in _keys.Skip(1))
        {
            ordered = key.ThenBy(ordered);
        }

        return ordered;
    }

    /// <summary>The rows that come after <paramref name="position"/> in this order.</summary>
    public IQueryable<T> After(IQueryable<T> rows, params object[] position)
    {
        if (position.Length != _keys.Count)
        {
            throw new ArgumentException($"A position has one value per key ({_keys.Count}), not {position.Length}.", nameof(position));
        }

        var row = Expression.Parameter(typeof(T), "row");
        Expression? rest = null;
        for (var i = _keys.Count - 1; i >= 0; i--)
        {
            var value = _keys[i].Parameter(position[i]);
            var beyond = _keys[i].Compare(row, value, strict: true);
            rest = rest is null ? beyond : Expression.AndAlso(_keys[i].Compare(row, value, strict: false), Expression.OrElse(beyond, rest));
        }

        return rows.Where(Expression.Lambda<Func<T, bool>>(rest!, row));
    }

    private sealed class Key
    {
        private static readonly System.Reflection.MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

        public required LambdaExpression Selector { get; init; }
        public required bool Descending { get; init; }
        public required Func<IQueryable<T>, IOrderedQueryable<T>> OrderBy { get; init; }
        public required Func<IOrderedQueryable<T>, IOrderedQueryable<T>> ThenBy { get; init; }

        /// <summary>The value as a captured variable, which EF Core sends as a parameter (a constant would be inlined).</summary>
        public required Func<object, Expression> Parameter { get; init; }

        public static Key Of<TKey>(Expression<Func<T, TKey>> selector, bool descending) => new()
        {
            Selector = selector,
            Descending = descending,
            OrderBy = rows => descending ? rows.OrderByDescending(selector) : rows.OrderBy(selector),
            ThenBy = rows => descending ? rows.ThenByDescending(selector) : rows.ThenBy(selector),
            Parameter = value => Captured((TKey)value),
        };

        /// <summary><c>key ⊳ value</c> (strict) or <c>key ⊵ value</c> for <paramref name="row"/>.</summary>
        public BinaryExpression Compare(ParameterExpression row, Expression value, bool strict)
        {
            Expression left = new Rebind(Selector.Parameters[0], row).Visit(Selector.Body);
            if (left.Type == typeof(string))
            {
                left = Expression.Call(StringCompare, left, value);
                value = Expression.Constant(0);
            }

            return (Descending, strict) switch
            {
                (false, true) => Expression.GreaterThan(left, value),
                (false, false) => Expression.GreaterThanOrEqual(left, value),
                (true, true) => Expression.LessThan(left, value),
                (true, false) => Expression.LessThanOrEqual(left, value),
            };
        }

        private static Expression Captured<TValue>(TValue after)
        {
            Expression<Func<TValue>> captured = () => after;
            return captured.Body;
        }
    }

    /// <summary>Puts the page's row parameter in place of a key selector's own.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
