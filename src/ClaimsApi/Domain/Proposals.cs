namespace ClaimsApi.Domain;

/// <summary>
/// A record the attribution extractor can propose (statements, claims, and the entities they need): who proposed
/// it, by which version of the rules, how sure they were, and when a person confirmed it. Null
/// <see cref="ProposedBy"/> means a person wrote it. A person's write to a proposed record (an edit, a workflow
/// move, a restore) confirms it; a deletion rejects it. Both are in the history.
/// </summary>
public interface IProposable : ICurated
{
    /// <summary><see cref="Proposals.Machine"/> when the extractor proposed the record; null when a person wrote it.</summary>
    string? ProposedBy { get; set; }

    /// <summary>The extractor and the version of its rules ("claimsapi-rules/2").</summary>
    string? Extractor { get; set; }

    /// <summary>How sure the rule that proposed it was, from 0 to 1.</summary>
    double? Confidence { get; set; }

    /// <summary>When a person first wrote the proposed record; null while no one has.</summary>
    DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>The values of <see cref="IProposable"/>.</summary>
public static class Proposals
{
    /// <summary>What <see cref="IProposable.ProposedBy"/> says of a record the extractor proposed.</summary>
    public const string Machine = "machine";

    /// <summary>Column length of <see cref="IProposable.Extractor"/>.</summary>
    public const int ExtractorLength = 100;

    /// <summary>Marks <paramref name="record"/> as proposed by <paramref name="extractor"/> with <paramref name="confidence"/>.</summary>
    public static T ProposedBy<T>(this T record, string extractor, double confidence)
        where T : IProposable
    {
        record.ProposedBy = Machine;
        record.Extractor = extractor;
        record.Confidence = Math.Round(confidence, 3);
        return record;
    }

    /// <summary>A person's write to a proposed, unconfirmed record confirms it (at <paramref name="at"/>); anything else is left as it is.</summary>
    public static void ConfirmWrittenBy(ICurated record, DateTimeOffset at)
    {
        if (record is IProposable { ProposedBy: not null, ConfirmedAt: null } proposed && record.DeletedAt is null)
        {
            proposed.ConfirmedAt = at;
        }
    }
}
