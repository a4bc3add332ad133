using ClaimsApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Curation;

/// <summary>What a write through the <see cref="CurationPipeline"/> came to: the record as readers now see it, or the problem.</summary>
/// <typeparam name="TView">The record's API representation.</typeparam>
public sealed class WriteResult<TView>
    where TView : class, IRevisioned
{
    private WriteResult(TView? record, string? location, ProblemHttpResult? problem) => (Record, Location, Problem) = (record, location, problem);

    /// <summary>The record as readers now see it (null for a deletion or a failure).</summary>
    public TView? Record { get; }

    /// <summary>The record's URL.</summary>
    public string? Location { get; }

    /// <summary>Why nothing was written, or null.</summary>
    public ProblemHttpResult? Problem { get; }

    internal static WriteResult<TView> Written(TView record, string location) => new(record, location, null);

    internal static WriteResult<TView> Deleted() => new(null, null, null);

    internal static WriteResult<TView> Failed(ProblemHttpResult problem) => new(null, null, problem);

    /// <summary>201 with the new record and its Location, or the problem.</summary>
    public Results<Created<TView>, ProblemHttpResult> ToCreated() =>
        Problem is { } problem ? problem : TypedResults.Created(Location, Record);

    /// <summary>200 with the record, or the problem.</summary>
    public Results<Ok<TView>, ProblemHttpResult> ToOk() =>
        Problem is { } problem ? problem : TypedResults.Ok(Record);

    /// <summary>204, or the problem.</summary>
    public Results<NoContent, ProblemHttpResult> ToNoContent() =>
        Problem is { } problem ? problem : TypedResults.NoContent();
}

/// <summary>Turns a pending write into its typed answer, so a handler is one expression.</summary>
public static class WriteResultExtensions
{
    public static async Task<Results<Created<TView>, ProblemHttpResult>> Created<TView>(this Task<WriteResult<TView>> write)
        where TView : class, IRevisioned => (await write).ToCreated();

    public static async Task<Results<Ok<TView>, ProblemHttpResult>> Ok<TView>(this Task<WriteResult<TView>> write)
        where TView : class, IRevisioned => (await write).ToOk();

    public static async Task<Results<NoContent, ProblemHttpResult>> NoContent<TView>(this Task<WriteResult<TView>> write)
        where TView : class, IRevisioned => (await write).ToNoContent();
}
