namespace ClaimsApi.Domain;

/// <summary>A news article exactly as published. <see cref="Text"/> is the seed file's text, never altered.</summary>
public sealed class Article : ICurated
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Lead { get; set; }
    public required DateOnly PublishedOn { get; set; }
    public required DatePrecision PublishedOnPrecision { get; set; }
    public required string Text { get; set; }
    public required string Language { get; set; }
    public string? PublisherId { get; set; }
    public string? SourceUrl { get; set; }
    public required string ContentSha256 { get; set; }

    /// <summary>The seed file the article was imported from; null for articles not managed by seeds.</summary>
    public string? SeedFile { get; set; }

    public int Revision { get; set; } = 1;
    public DateTimeOffset? DeletedAt { get; set; }

    public List<ArticleParagraph> Paragraphs { get; } = [];
}

/// <summary>One block of an article (lead, title or body paragraph) with its span in the article text.</summary>
public sealed class ArticleParagraph
{
    public required string ArticleId { get; set; }

    /// <summary>0 is the lead, 1 the title, 2… the body paragraphs.</summary>
    public required int Index { get; set; }
    public required ParagraphRole Role { get; set; }
    public required int Start { get; set; }
    public required int End { get; set; }
    public required string Text { get; set; }

    /// <summary>Scraped page furniture that follows the paragraph in the text (e.g. "Share"), excluded from the span.</summary>
    public string? Artifact { get; set; }
}
