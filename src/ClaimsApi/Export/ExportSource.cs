using System.Globalization;
using ClaimsApi.Features;
using ClaimsApi.Http;

namespace ClaimsApi.Export;

/// <summary>A column of a CSV export: its header (the JSON path it flattens, <c>claimant.id</c>) and its value in a row.</summary>
/// <param name="Name">The header.</param>
/// <param name="Value">The field of a row; null is an empty field.</param>
public sealed record CsvColumn<TRow>(string Name, Func<TRow, string?> Value);

/// <summary>
/// One kind of record as an export reads and writes it: the filtered records in id order, read in batches after a
/// position (keyset, as the lists page), each batch rendered with one query per kind of embedded row, never one per
/// record; what a row is sent as in NDJSON (its <c>GET</c> representation) and its CSV columns.
/// </summary>
public sealed class ExportSource<TRow>(
    Func<string?, int, CancellationToken, Task<List<TRow>>> readAfter,
    Func<TRow, string> idOf,
    Func<TRow, object> representation,
    IReadOnlyList<CsvColumn<TRow>> columns)
{
    /// <summary>At most <c>take</c> rows after the one with id <c>after</c> (from the first when null), in id order.</summary>
    public Func<string?, int, CancellationToken, Task<List<TRow>>> ReadAfterAsync { get; } = readAfter;

    public Func<TRow, string> IdOf { get; } = idOf;

    /// <summary>What a row's NDJSON line serialises: the record exactly as <c>GET</c> of it answers.</summary>
    public Func<TRow, object> Representation { get; } = representation;

    public IReadOnlyList<CsvColumn<TRow>> Columns { get; } = columns;
}

public static class ExportSource
{
    /// <summary>
    /// The export of <paramref name="records"/> (filtered, not ordered), read in id order by <paramref name="byId"/>
    /// and rendered a batch at a time by <paramref name="render"/>, which keeps the query's order. A row is its own
    /// NDJSON representation unless <paramref name="representation"/> says what is.
    /// </summary>
    internal static ExportSource<TRow> Of<T, TRow>(
        IQueryable<T> records,
        Keyset<T> byId,
        Func<IQueryable<T>, CancellationToken, Task<List<TRow>>> render,
        Func<TRow, string> idOf,
        IReadOnlyList<CsvColumn<TRow>> columns,
        Func<TRow, object>? representation = null)
        where TRow : notnull =>
        new((after, take, ct) => render(byId.Page(records, after is null ? null : [after]).Take(take), ct), idOf, representation ?? (row => row), columns);
}

/// <summary>How nested parts of a record are flattened into one CSV field (docs/api-guide.md#exports).</summary>
public static class CsvFields
{
    /// <summary>What separates the items of a list in one field: the evidence quotes of a claim, its mentions, an entity's aliases.</summary>
    public const string ListSeparator = " | ";

    /// <summary>The items of a list in one field, in the record's order; an empty list is an empty field.</summary>
    public static string List(IEnumerable<string?> items) => string.Join(ListSeparator, items);

    /// <summary>A span as <c>start-end</c> (code points, half-open).</summary>
    public static string Of(Span span) => FormattableString.Invariant($"{span.Start}-{span.End}");

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An enum by its wire name, as in JSON (<c>reported-speech</c>).</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Domain.EnumNames.Of(value);
}
