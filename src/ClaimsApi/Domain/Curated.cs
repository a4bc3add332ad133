namespace ClaimsApi.Domain;

/// <summary>
/// A record curators write: it has a revision (its ETag, bumped by every change, checked by If-Match), can be
/// soft-deleted and restored, and every change to it is kept in the history.
/// </summary>
public interface ICurated
{
    string Id { get; }

    /// <summary>1 when created, one more for every change; the record's ETag.</summary>
    int Revision { get; set; }

    /// <summary>When it was deleted; deleted records are invisible to reads until an admin restores them.</summary>
    DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The seed file that manages the record, or null once it is written through the API (the API's version then wins).</summary>
    string? SeedFile { get; set; }
}

/// <summary>A record that moves through the workflow: draft → in review → published → retracted.</summary>
public interface IWorkflowed : ICurated
{
    WorkflowState Workflow { get; set; }

    /// <summary>Why it was retracted (set with the retraction, cleared when the record goes back to draft).</summary>
    string? RetractionReason { get; set; }
}
