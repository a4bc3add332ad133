using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Synthetic;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClaimsApi.Tests.Synthetic;

/// <summary>
/// The generator writes with raw ADO.NET, so nothing in EF would notice a column it forgot: its tables and columns are
/// resolved from the EF model, and every column must be filled or deliberately left to its default. No database needed.
/// </summary>
public sealed class SyntheticSchemaTests
{
    [Fact]
    public void EveryColumnOfBothProvidersModelsIsFilledOrLeftToItsDefault()
    {
        using var sqlite = Sqlite<RelationalModelCustomizer>();
        using var postgres = Postgres();

        var tables = SyntheticSchema.Resolve(sqlite);

        Assert.Equal(
            ["entities", "entity_aliases", "articles", "article_paragraphs", "statements", "claims", "claim_evidence", "claim_mentions", "claim_qualifiers", "claim_links"],
            tables.Select(t => t.Name));
        Assert.Equal(
            ["id", "text", "claimant_id", "kind", "claimed_on", "subject", "predicate", "object", "status", "article_id", "workflow"],
            tables[Tables.Claims.Ordinal].Columns.Select(c => c.Name));
        Assert.Equal(tables, SyntheticSchema.Resolve(postgres), new SpecComparer());
    }

    [Fact]
    public void AColumnTheGeneratorDoesNotKnowFailsBeforeAnythingIsWritten()
    {
        using var db = Sqlite<WithWeightColumn>();

        var error = Assert.Throws<InvalidOperationException>(() => SyntheticSchema.Resolve(db));

        Assert.Contains("claims.weight (ClaimedFact.Weight) is neither filled by the generator nor left to its default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnLeftToItsDefaultMustHaveOne()
    {
        using var db = Sqlite<WithRequiredRetractionReason>();

        var error = Assert.Throws<InvalidOperationException>(() => SyntheticSchema.Resolve(db));

        Assert.Contains("claims.retraction_reason is left to its default but is NOT NULL without a default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableAndColumnNamesComeFromTheModel()
    {
        using var db = Sqlite<WithRenamedColumn>();

        var claims = SyntheticSchema.Resolve(db)[Tables.Claims.Ordinal];

        Assert.Contains(("claim_subject", ColumnType.Text), claims.Columns);
        Assert.DoesNotContain(claims.Columns, c => c.Name == "subject");
    }

    [Fact]
    public void IntegersAndDatesAreSentAsSuch()
    {
        using var db = Sqlite<RelationalModelCustomizer>();

        var tables = SyntheticSchema.Resolve(db);

        Assert.Contains(("index", ColumnType.Int), tables[Tables.Paragraphs.Ordinal].Columns);
        Assert.Contains(("published_on", ColumnType.Date), tables[Tables.Articles.Ordinal].Columns);
        Assert.Contains(("kind", ColumnType.Text), tables[Tables.Entities.Ordinal].Columns);
    }

    /// <summary>A context whose model is the real one changed by <typeparamref name="TCustomizer"/> (its own model cache).</summary>
    private static SqliteClaimsDbContext Sqlite<TCustomizer>()
        where TCustomizer : class, IModelCustomizer
    {
        var builder = new DbContextOptionsBuilder<SqliteClaimsDbContext>();
        SqliteClaimsDbContext.Configure(builder, "Data Source=:memory:");
        builder.ReplaceService<IModelCustomizer, TCustomizer>();
        return new SqliteClaimsDbContext(builder.Options);
    }

    private static PostgresClaimsDbContext Postgres()
    {
        var builder = new DbContextOptionsBuilder<PostgresClaimsDbContext>();
        PostgresClaimsDbContext.Configure(builder, "Host=127.0.0.1;Database=unused");
        return new PostgresClaimsDbContext(builder.Options);
    }

    private sealed class WithWeightColumn(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<ClaimedFact>().Property<double?>("Weight");
        }
    }

    private sealed class WithRequiredRetractionReason(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<ClaimedFact>().Property(c => c.RetractionReason).IsRequired();
        }
    }

    private sealed class WithRenamedColumn(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<ClaimedFact>().Property(c => c.Subject).HasColumnName("claim_subject");
        }
    }

    private sealed class SpecComparer : IEqualityComparer<TableSpec>
    {
        public bool Equals(TableSpec? x, TableSpec? y) => x!.Name == y!.Name && x.Columns.SequenceEqual(y.Columns);

        public int GetHashCode(TableSpec obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
