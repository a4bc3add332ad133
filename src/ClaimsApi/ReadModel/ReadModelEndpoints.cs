using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimsApi.ReadModel;

/// <summary>Serves the detail reads of curated records from the read model (decision 0031).</summary>
public static partial class ReadModelEndpoints
{
    /// <summary>
    /// Like <see cref="ETags.WithETag"/>, and for a reader who sees what an anonymous reader sees: a stored
    /// representation is sent as it is, with its ETag, or 304 (one point read; nothing rendered); a miss is
    /// rendered by the handler, sent, and stored for the next read. Curators' reads (drafts included) are rendered.
    /// </summary>
    public static RouteHandlerBuilder WithStoredRepresentation(this RouteHandlerBuilder builder, ICuratedResource resource) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<IOptions<ReadModelOptions>>().Value;
            if (!options.Enabled || PersistenceServices.SeesUnpublished(http.User) || http.Request.RouteValues["id"] is not string id)
            {
                return ETags.Send(await next(context), http);
            }

            var store = http.RequestServices.GetRequiredService<RepresentationStore>();
            var ct = http.RequestAborted;
            if (await store.ReadAsync(resource.Name, id, ct) is { } stored)
            {
                return ETags.Send(stored.Body, stored.ETag, http);
            }

            var position = await store.PositionAsync(ct);
            var result = await next(context);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            if (inner is not (IValueHttpResult { Value: IRevisioned record } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }))
            {
                return ETags.Send(result, http);
            }

            var (body, etag) = ETags.Render(record, http);
            await FillAsync(http, resource, id, new StoredRepresentation(body, etag), position, store, ct);
            return ETags.Send(body, etag, http);
        })
        .Produces(StatusCodes.Status304NotModified);

    /// <summary>
    /// Stores what was just rendered, naming the ids it shows and those a curator's view of the record shows (a
    /// draft parent or link it hides still decides what it will show once published). A fill that fails leaves
    /// the read answered: the next read renders again.
    /// </summary>
    private static async Task FillAsync(
        HttpContext http, ICuratedResource resource, string id, StoredRepresentation representation, long position, RepresentationStore store, CancellationToken ct)
    {
        var refs = new HashSet<string>(StringComparer.Ordinal) { id };
        RepresentationRefs.Collect(representation.Body, refs);
        var db = http.RequestServices.GetRequiredService<ClaimsDbContext>();
        using (db.SeeingUnpublished())
        {
            if (await resource.RenderAsync(id, db, ct) is { } staff)
            {
                var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                RepresentationRefs.Collect(JsonSerializer.SerializeToUtf8Bytes(staff, staff.GetType(), json), refs);
            }
        }

        try
        {
            await store.FillAsync(resource.Name, id, representation, refs, position, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            LogFillFailed(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadModelEndpoints)), resource.Name, id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model could not store {Resource} '{Id}'; the next read renders it again.")]
    private static partial void LogFillFailed(ILogger logger, string resource, string id, Exception exception);
}

/// <summary>The <c>ReadModel</c> section of the configuration.</summary>
public sealed class ReadModelOptions
{
    public const string Section = "ReadModel";

    /// <summary>Whether detail reads are served from stored representations (on by default; off renders every read, as before, for comparison).</summary>
    public bool Enabled { get; set; } = true;
}
