using System.Diagnostics;
using ClaimsApi.Domain;

namespace ClaimsApi.Synthetic;

/// <summary>One batch of rows, per table; a row's values in the order of its table's <see cref="SyntheticTable.Filled"/>.</summary>
internal sealed class SyntheticBatch
{
    public List<object?[]>[] Rows { get; } = [.. Tables.All.Select(_ => new List<object?[]>())];

    public void Add(SyntheticTable table, params object?[] values)
    {
        Debug.Assert(values.Length == table.Filled.Length, $"{table.Entity.Name}: {values.Length} values for {table.Filled.Length} properties");
        Rows[table.Ordinal].Add(values);
    }
}

/// <summary>
/// A table the generator writes, named by the entity it stores: the properties the generator fills (the order of a
/// row's values) and those it deliberately leaves to the column's default. Every other column of the entity's table
/// is an error (<see cref="SyntheticSchema"/>), so a column added to the model cannot be forgotten here.
/// Table and column names come from the EF model, never from here.
/// </summary>
internal sealed record SyntheticTable(int Ordinal, Type Entity, string[] Filled, string[] LeftToDefault);

/// <summary>The tables the generator writes, in insertion (foreign-key) order.</summary>
internal static class Tables
{
    public static readonly SyntheticTable Entities = new(0, typeof(NamedEntity),
        [nameof(NamedEntity.Id), nameof(NamedEntity.Name), nameof(NamedEntity.NormalizedName), nameof(NamedEntity.Kind), nameof(NamedEntity.Description), nameof(NamedEntity.PartOfId)],
        [nameof(NamedEntity.WikidataId), nameof(NamedEntity.SeedFile), nameof(NamedEntity.Revision), nameof(NamedEntity.DeletedAt),
         nameof(NamedEntity.ProposedBy), nameof(NamedEntity.Extractor), nameof(NamedEntity.Confidence), nameof(NamedEntity.ConfirmedAt), nameof(NamedEntity.MergedIntoId)]);

    public static readonly SyntheticTable EntityAliases = new(1, typeof(EntityAlias),
        [nameof(EntityAlias.EntityId), nameof(EntityAlias.Alias), nameof(EntityAlias.NormalizedAlias)],
        []);

    public static readonly SyntheticTable Articles = new(2, typeof(Article),
        [nameof(Article.Id), nameof(Article.Title), nameof(Article.Lead), nameof(Article.PublishedOn), nameof(Article.PublishedOnPrecision), nameof(Article.Text),
         nameof(Article.Language), nameof(Article.PublisherId), nameof(Article.SourceUrl), nameof(Article.ContentSha256)],
        [nameof(Article.SeedFile), nameof(Article.Revision), nameof(Article.DeletedAt)]);

    public static readonly SyntheticTable Paragraphs = new(3, typeof(ArticleParagraph),
        [nameof(ArticleParagraph.ArticleId), nameof(ArticleParagraph.Index), nameof(ArticleParagraph.Role), nameof(ArticleParagraph.Start), nameof(ArticleParagraph.End),
         nameof(ArticleParagraph.Text), nameof(ArticleParagraph.Artifact)],
        []);

    public static readonly SyntheticTable Statements = new(4, typeof(Statement),
        [nameof(Statement.Id), nameof(Statement.ArticleId), nameof(Statement.SpeakerId), nameof(Statement.Kind), nameof(Statement.Cue), nameof(Statement.Text),
         nameof(Statement.Start), nameof(Statement.End), nameof(Statement.ParentId), nameof(Statement.SourceId), nameof(Statement.Workflow)],
        [nameof(Statement.SeedFile), nameof(Statement.RetractionReason), nameof(Statement.Revision), nameof(Statement.DeletedAt),
         nameof(Statement.ProposedBy), nameof(Statement.Extractor), nameof(Statement.Confidence), nameof(Statement.ConfirmedAt)]);

    public static readonly SyntheticTable Claims = new(5, typeof(ClaimedFact),
        [nameof(ClaimedFact.Id), nameof(ClaimedFact.Text), nameof(ClaimedFact.ClaimantId), nameof(ClaimedFact.Kind), nameof(ClaimedFact.ClaimedOn), nameof(ClaimedFact.Subject),
         nameof(ClaimedFact.Predicate), nameof(ClaimedFact.Object), nameof(ClaimedFact.Status), nameof(ClaimedFact.ArticleId), nameof(ClaimedFact.Workflow)],
        [nameof(ClaimedFact.SeedFile), nameof(ClaimedFact.RetractionReason), nameof(ClaimedFact.Revision), nameof(ClaimedFact.DeletedAt),
         nameof(ClaimedFact.ProposedBy), nameof(ClaimedFact.Extractor), nameof(ClaimedFact.Confidence), nameof(ClaimedFact.ConfirmedAt)]);

    public static readonly SyntheticTable Evidence = new(6, typeof(ClaimEvidence),
        [nameof(ClaimEvidence.ClaimId), nameof(ClaimEvidence.Ordinal), nameof(ClaimEvidence.StatementId), nameof(ClaimEvidence.Start), nameof(ClaimEvidence.End), nameof(ClaimEvidence.Text)],
        []);

    public static readonly SyntheticTable Mentions = new(7, typeof(ClaimMention),
        [nameof(ClaimMention.ClaimId), nameof(ClaimMention.EntityId)],
        []);

    public static readonly SyntheticTable Qualifiers = new(8, typeof(ClaimQualifier),
        [nameof(ClaimQualifier.ClaimId), nameof(ClaimQualifier.Ordinal), nameof(ClaimQualifier.Name), nameof(ClaimQualifier.Value), nameof(ClaimQualifier.EntityId)],
        []);

    public static readonly SyntheticTable Links = new(9, typeof(ClaimLink),
        [nameof(ClaimLink.FromClaimId), nameof(ClaimLink.ToClaimId), nameof(ClaimLink.Kind)],
        []);

    public static readonly SyntheticTable[] All = [Entities, EntityAliases, Articles, Paragraphs, Statements, Claims, Evidence, Mentions, Qualifiers, Links];
}
