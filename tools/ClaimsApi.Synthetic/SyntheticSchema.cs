using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ClaimsApi.Synthetic;

internal enum ColumnType
{
    Text,
    Int,
    Date,
}

/// <summary>A table as the database names it, with the columns a row's values go to, in order.</summary>
internal sealed record TableSpec(int Ordinal, string Name, (string Name, ColumnType Type)[] Columns)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Name}\""));
}

/// <summary>
/// Resolves <see cref="Tables"/> against the EF model: table and column names as the migrations create them, and
/// a check that every column of every table is either filled by the generator or deliberately left to its default.
/// A mismatch (a column the model gained, a property it lost) fails before anything is written.
/// </summary>
internal static class SyntheticSchema
{
    /// <summary>The design-time model: the runtime one drops the default values this check reads.</summary>
    public static TableSpec[] Resolve(ClaimsDbContext db) => Resolve(db.GetService<IDesignTimeModel>().Model);

    public static TableSpec[] Resolve(IModel model)
    {
        var problems = new List<string>();
        var specs = Tables.All.Select(table => Resolve(model, table, problems)).ToArray();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The synthetic generator does not match the EF model:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems) + Environment.NewLine
                + "Fill each such column in the generator, or list it in LeftToDefault (tools/ClaimsApi.Synthetic/SyntheticTables.cs).");
        }

        return specs;
    }

    private static TableSpec Resolve(IModel model, SyntheticTable table, List<string> problems)
    {
        if (model.FindEntityType(table.Entity) is not { } entity || entity.GetTableName() is not { } name)
        {
            problems.Add($"{table.Entity.Name} is not mapped to a table.");
            return new TableSpec(table.Ordinal, table.Entity.Name, []);
        }

        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = new List<(string Name, ColumnType Type)>();
        foreach (var propertyName in table.Filled)
        {
            if (Column(entity, propertyName, store, problems) is not { } property)
            {
                continue;
            }

            if (TypeOf(property) is { } type)
            {
                columns.Add((property.GetColumnName(store)!, type));
            }
            else
            {
                problems.Add($"{name}.{property.GetColumnName(store)}: the generator cannot write a {property.ClrType.Name}.");
            }
        }

        foreach (var propertyName in table.LeftToDefault)
        {
            if (Column(entity, propertyName, store, problems) is { } property && !HasDefault(property, store))
            {
                problems.Add($"{name}.{property.GetColumnName(store)} is left to its default but is NOT NULL without a default.");
            }
        }

        foreach (var property in entity.GetProperties())
        {
            if (property.GetColumnName(store) is { } column && !table.Filled.Contains(property.Name) && !table.LeftToDefault.Contains(property.Name))
            {
                problems.Add($"{name}.{column} ({entity.ClrType.Name}.{property.Name}) is neither filled by the generator nor left to its default.");
            }
        }

        return new TableSpec(table.Ordinal, name, [.. columns]);
    }

    private static IProperty? Column(IEntityType entity, string propertyName, StoreObjectIdentifier store, List<string> problems)
    {
        if (entity.FindProperty(propertyName) is { } property && property.GetColumnName(store) is not null)
        {
            return property;
        }

        problems.Add($"{entity.GetTableName()}: the model maps no column for {entity.ClrType.Name}.{propertyName}.");
        return null;
    }

    private static bool HasDefault(IProperty property, StoreObjectIdentifier store) =>
        property.IsColumnNullable(store)
        || property.TryGetDefaultValue(store, out _)
        || property.GetDefaultValueSql(store) is not null
        || property.GetComputedColumnSql(store) is not null;

    /// <summary>How a value is sent: by the type the provider stores (enums are stored as their names).</summary>
    private static ColumnType? TypeOf(IProperty property)
    {
        var stored = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        stored = Nullable.GetUnderlyingType(stored) ?? stored;
        return stored == typeof(string) ? ColumnType.Text
            : stored == typeof(int) ? ColumnType.Int
            : stored == typeof(DateOnly) ? ColumnType.Date
            : null;
    }
}
