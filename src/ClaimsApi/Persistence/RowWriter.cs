using System.Collections;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClaimsApi.Persistence;

/// <summary>
/// Inserts new rows of the EF model — a record with the rows it owns (a claim's evidence, mentions, qualifiers and
/// links, an article's paragraphs, an entity's aliases), or a history entry — through one prepared command per table,
/// inside the context's transaction, without change tracking. Tables, columns and how each value is sent come from
/// the model (the type mappings EF Core's own inserts use), so a column the model gains is written too. For many rows
/// at once (an import's batch, a write's history entries): tracking and saving them costs EF Core a statement built,
/// prepared and read back per row, ten times what this does. Rows are inserted at once, in the order given: a row
/// may refer to rows inserted before it.
/// </summary>
public sealed class RowWriter : IDisposable
{
    private readonly ClaimsDbContext _db;
    private readonly Dictionary<Type, Insert> _inserts = [];

    internal RowWriter(ClaimsDbContext db, DbTransaction transaction) => (_db, Transaction) = (db, transaction);

    /// <summary>The transaction its commands run in.</summary>
    internal DbTransaction Transaction { get; }

    /// <summary>Inserts <paramref name="entity"/>, then the rows its collections hold.</summary>
    public async Task InsertAsync(object entity, CancellationToken ct)
    {
        if (!_inserts.TryGetValue(entity.GetType(), out var insert))
        {
            _inserts[entity.GetType()] = insert = Prepare(_db.Model.FindEntityType(entity.GetType())
                ?? throw new ArgumentException($"{entity.GetType().Name} is not an entity of the model.", nameof(entity)));
        }

        foreach (var column in insert.Columns)
        {
            var value = column.Getter.GetClrValue(entity);
            column.Parameter.Value = (value is null ? null : column.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
        }

        await insert.Command.ExecuteNonQueryAsync(ct);
        foreach (var children in insert.Children)
        {
            foreach (var child in (IEnumerable)children.GetGetter().GetClrValue(entity)!)
            {
                await InsertAsync(child, ct);
            }
        }
    }

    public void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Command.Dispose();
        }

        _inserts.Clear();
    }

    private Insert Prepare(IEntityType type)
    {
        var table = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        // Every mapped column but a key the database generates (the history's position).
        var properties = type.GetProperties()
            .Where(p => p.GetColumnName(store) is not null && !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToArray();
        var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = Transaction;
        command.CommandTimeout = (int)(_db.Database.GetCommandTimeout() ?? 30);
        var columns = properties.Select((property, i) =>
        {
            // Made as EF Core makes the parameters of its own inserts (type, size, the provider's type): once, each row sets only the value.
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, property.IsNullable);
            command.Parameters.Add(parameter);
            return new Column(property.GetGetter(), mapping.Converter, parameter);
        }).ToArray();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(store)}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})";
        var children = type.GetNavigations().Where(n => n.IsCollection && !n.IsOnDependent).ToArray();
        return new Insert(command, columns, children);
    }

    private sealed record Column(IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, DbParameter Parameter);

    private sealed record Insert(DbCommand Command, Column[] Columns, INavigation[] Children);
}
