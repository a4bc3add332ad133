using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace ClaimsApi.TextSearch;

/// <summary>The fields of an indexed document.</summary>
internal static class IndexFields
{
    public const string Key = "key", Kind = "kind", Title = "title", Body = "body";
    public const string Article = "article", Language = "language", Date = "date", Claimant = "claimant", Mention = "mention", ClaimKind = "claim-kind", Status = "status";

    /// <summary>A title matches ten times as much as a body, as the FTS5 index weighted them (decision 0014).</summary>
    public const float TitleBoost = 10f;

    public static string KeyOf(string kind, string id) => kind + ":" + id;

    /// <summary>A date as the index keeps it: the day number, ordered as the dates are.</summary>
    public static int DayNumber(DateOnly date) => date.DayNumber;
}

/// <summary>
/// What the index keeps of one claim, statement or article (decision 0032): the text search reads, and what its
/// filters and facets read: the article (a claim's or statement's, an article's own id), its language, the date
/// (a claim's, or the article's), and for claims who made them, what they mention, their kind and status.
/// </summary>
public sealed record IndexedDocument(string Kind, string Id, string Title, string Body, string? ArticleId = null, string? Language = null, DateOnly? Date = null)
{
    public string? Claimant { get; init; }
    public IReadOnlyList<string> Mentions { get; init; } = [];
    public string? ClaimKind { get; init; }
    public string? Status { get; init; }

    /// <summary>The Lucene document: its key, kind, title and body, its keyword fields and its doc values.</summary>
    internal Document ToLucene()
    {
        var fields = new Document
        {
            new StringField(IndexFields.Key, IndexFields.KeyOf(Kind, Id), Field.Store.NO),
            new SortedDocValuesField(IndexFields.Key, new BytesRef(IndexFields.KeyOf(Kind, Id))),
            new StringField(IndexFields.Kind, Kind, Field.Store.NO),
            new TextField(IndexFields.Title, Title, Field.Store.NO),
            new TextField(IndexFields.Body, Body, Field.Store.NO),
        };
        void Keyword(string name, string? value)
        {
            if (value is not null)
            {
                fields.Add(new StringField(name, value, Field.Store.NO));
            }
        }

        void Facet(string name, string? value)
        {
            if (value is not null)
            {
                fields.Add(new SortedDocValuesField(name, new BytesRef(value)));
            }
        }

        Facet(IndexFields.Claimant, Claimant);
        Facet(IndexFields.ClaimKind, ClaimKind);
        Facet(IndexFields.Status, Status);
        foreach (var mention in Mentions.Distinct(StringComparer.Ordinal))
        {
            fields.Add(new SortedSetDocValuesField(IndexFields.Mention, new BytesRef(mention)));
        }

        Keyword(IndexFields.Article, ArticleId);
        Keyword(IndexFields.Language, Language);
        Keyword(IndexFields.Claimant, Claimant);
        Keyword(IndexFields.ClaimKind, ClaimKind);
        Keyword(IndexFields.Status, Status);
        foreach (var mention in Mentions)
        {
            Keyword(IndexFields.Mention, mention);
        }

        if (Date is { } date)
        {
            fields.Add(new Int32Field(IndexFields.Date, IndexFields.DayNumber(date), Field.Store.NO));
            fields.Add(new NumericDocValuesField(IndexFields.Date, IndexFields.DayNumber(date)));
        }

        return fields;
    }
}

/// <summary>A search hit: the record's kind and id, and its coordination-first score (groups matched + relevance in [0, 1)).</summary>
public readonly record struct TextHit(string Kind, string Id, double Score)
{
    /// <summary>Its key (kind:id), which orders equal scores.</summary>
    public string Key => IndexFields.KeyOf(Kind, Id);
}
