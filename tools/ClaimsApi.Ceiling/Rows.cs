using System.Data.Common;
using System.Text;

namespace ClaimsApi.Ceiling;

/// <summary>What the two providers spell differently in the ceiling's SQL.</summary>
internal sealed class Dialect
{
    /// <summary>SQLite stores a date as the text the API writes (EF Core's DateOnly: YYYY-MM-DD) and compares text by bytes.</summary>
    public static readonly Dialect Sqlite = new(column => column, text => text, column => $"CAST(julianday({column}) AS INTEGER)");

    /// <summary>
    /// PostgreSQL stores a date as <c>date</c>; its text columns already have the "C" collation (code point order, as
    /// the API's model asks), said again where a sort key is built so that a literal in another branch cannot change it.
    /// </summary>
    public static readonly Dialect Postgres = new(column => $"to_char({column}, 'YYYY-MM-DD')", text => $"{text} COLLATE \"C\"", column => $"({column} - DATE '2000-01-01')");

    private Dialect(Func<string, string> date, Func<string, string> codePointOrder, Func<string, string> dayNumber)
    {
        Date = date;
        CodePointOrder = codePointOrder;
        DayNumber = dayNumber;
    }

    /// <summary>A date column as a whole number of days (from an epoch of the provider's), to sort by in either direction.</summary>
    public Func<string, string> DayNumber { get; }

    /// <summary>A date column as YYYY-MM-DD text.</summary>
    public Func<string, string> Date { get; }

    /// <summary>A text expression that sorts by code point, as the API's ORDER BY on that column does.</summary>
    public Func<string, string> CodePointOrder { get; }
}

/// <summary>
/// The columns of a query that brings a record and everything it embeds in one statement: a UNION ALL of typed rows.
/// Every row has the same columns, because PostgreSQL gives each column of a UNION one type: where it sorts (section
/// <c>part</c>, then <c>n1</c>, <c>n2</c>, <c>k1</c>, <c>k2</c>), what kind of row it is (<c>row_kind</c>), then
/// <paramref name="texts"/> text columns and <paramref name="numbers"/> integer columns, each branch's own values
/// first and typed NULLs after them (PostgreSQL would take a column of bare NULLs in the first branches for text). Sorting in the query lets the JSON be written while the rows are read, in one pass.
/// </summary>
internal sealed class RowShape(int texts, int numbers)
{
    public const int KindColumn = 5;
    public const int FirstText = 6;

    public const string OrderBy = "ORDER BY part, n1, n2, k1, k2";

    public int FirstNumber => FirstText + texts;

    /// <summary>One branch: <c>SELECT</c> and its columns (the caller adds FROM and WHERE).</summary>
    /// <param name="kind">The row's kind (<c>row_kind</c>), and its part unless <paramref name="section"/> is given.</param>
    /// <param name="text">This branch's text columns, in the order the JSON reads them.</param>
    /// <param name="number">This branch's integer columns, in the order the JSON reads them.</param>
    /// <param name="n1">First numeric sort key.</param>
    /// <param name="n2">Second numeric sort key.</param>
    /// <param name="k1">First text sort key.</param>
    /// <param name="k2">Second text sort key.</param>
    /// <param name="section">The section, when rows of several kinds interleave in one (a statement and its claim ids).</param>
    /// <param name="distinct">SELECT DISTINCT.</param>
    public string Select(
        int kind, string[] text, string[]? number = null, string n1 = "0", string n2 = "0", string k1 = "''", string k2 = "''", int? section = null, bool distinct = false)
    {
        number ??= [];
        if (text.Length > texts || number.Length > numbers)
        {
            throw new ArgumentException($"A row of this query has at most {texts} text and {numbers} integer columns.");
        }

        var sql = new StringBuilder(distinct ? "SELECT DISTINCT " : "SELECT ")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"{section ?? kind} AS part, {n1} AS n1, {n2} AS n2, {k1} AS k1, {k2} AS k2, {kind} AS row_kind");
        for (var i = 0; i < texts; i++)
        {
            sql.Append(", ").Append(i < text.Length ? text[i] : "CAST(NULL AS TEXT)").Append(" AS x").Append(i);
        }

        for (var i = 0; i < numbers; i++)
        {
            sql.Append(", ").Append(i < number.Length ? number[i] : "CAST(NULL AS INTEGER)").Append(" AS y").Append(i);
        }

        return sql.ToString();
    }
}

/// <summary>The rows of a <see cref="RowShape"/> query, read forward once.</summary>
internal sealed class Rows(DbDataReader reader, RowShape shape)
{
    private bool _hasRow;

    public async ValueTask<bool> NextAsync(CancellationToken cancellationToken) => _hasRow = await reader.ReadAsync(cancellationToken);

    /// <summary>Whether the current row is of this kind (false past the last row).</summary>
    public bool At(int kind) => _hasRow && reader.GetInt32(RowShape.KindColumn) == kind;

    /// <summary>The current row's values, to be read in the order the query lists them.</summary>
    public Columns Columns => new(reader, shape.FirstNumber);
}

/// <summary>The values of one row, read in the order the query lists them: texts with <see cref="Text"/>, integers with <see cref="Number"/>.</summary>
internal struct Columns(DbDataReader reader, int firstNumber)
{
    private int _text = RowShape.FirstText;
    private int _number = firstNumber;

    public string? Text()
    {
        var i = _text++;
        return reader.IsDBNull(i) ? null : reader.GetString(i);
    }

    public int Number() => reader.GetInt32(_number++);
}
