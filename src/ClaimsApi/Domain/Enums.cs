namespace ClaimsApi.Domain;

/// <summary>What a named entity is.</summary>
public enum EntityKind
{
    Person,
    Organisation,
    State,
    ArmedForces,
    Place,
    Treaty,
    TreatyArticle,
    Document,
    Event,
    Publication,
}

/// <summary>How a statement is attributed in the article.</summary>
public enum StatementKind
{
    /// <summary>Words in quotation marks, attributed to the speaker.</summary>
    DirectQuote,
    /// <summary>Verbatim words set off without quotation marks (a block quote on the source page).</summary>
    UnmarkedQuote,
    /// <summary>The speaker's claim in the publication's words ("claims that …").</summary>
    ReportedSpeech,
    /// <summary>A fragment in quotation marks inside reported speech.</summary>
    PartialQuote,
    /// <summary>The publication speaking for itself.</summary>
    PublisherNote,
}

/// <summary>What sort of assertion a claim is.</summary>
public enum ClaimKind
{
    Factual,
    Legal,
    Causal,
    Prediction,
    Opinion,
}

/// <summary>How one claim relates to another.</summary>
public enum ClaimLinkKind
{
    Supports,
    Contradicts,
    SameAs,
    Refines,
}

/// <summary>Where a claim stands in review.</summary>
public enum VerificationStatus
{
    Unverified,
    True,
    MostlyTrue,
    Mixture,
    MostlyFalse,
    False,
    Unproven,
}

/// <summary>The role of a block of the article.</summary>
public enum ParagraphRole
{
    Lead,
    Title,
    Body,
}

/// <summary>How much of a date is known.</summary>
public enum DatePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>Where a claim or statement stands in the desk's workflow; anonymous readers see only published ones.</summary>
public enum WorkflowState
{
    Draft,
    InReview,
    Published,
    Retracted,
}

/// <summary>The normalised verdict of a review, whatever words the reviewer used (schema.org ClaimReview's rating).</summary>
public enum ReviewRating
{
    True,
    MostlyTrue,
    Mixture,
    MostlyFalse,
    False,
    Unproven,
}

/// <summary>What an API key may do; each role can do what the ones before it can.</summary>
public enum ApiRole
{
    /// <summary>Read published records (needed only when the API requires a key to read).</summary>
    Reader,
    /// <summary>Also write content and see drafts and history.</summary>
    Curator,
    /// <summary>Also manage keys and restore deleted records.</summary>
    Admin,
}
