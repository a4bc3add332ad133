using System.Text.Json;
using ClaimsApi.Curation;
using ClaimsApi.Http;
using ClaimsApi.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClaimsApi.ReadModel;

/// <summary>Serves detail reads and list pages from the read model (decision 0031).</summary>
public static partial class ReadModelEndpoints
{
    /// <summary>The resource under which list pages are stored, keyed by path and query.</summary>
    public const string Pages = "page";

    private static readonly Dictionary<string, string> Empty = [];

    /// <summary>
    /// Like <see cref="ETags.WithETag"/>, and for a reader who sees what an anonymous reader sees: a stored
    /// representation is sent as it is, with its ETag, or 304 (one point read; nothing rendered); a miss is
    /// rendered by the handler, sent, and stored for the next read. Curators' reads (drafts included) are rendered.
    /// With <paramref name="alternate"/>, the route also (or only, <see cref="AlternateServing.Always"/>) serves that
    /// representation, rendered from the handler's answer and stored apart from the JSON (its own resource, so the one
    /// is never served for the other), with an ETag of its own bytes; it depends on what the JSON names and on what
    /// its renderer adds.
    /// </summary>
    public static RouteHandlerBuilder WithStoredRepresentation(
        this RouteHandlerBuilder builder, ICuratedResource resource, AlternateRepresentation? alternate = null, AlternateServing serving = AlternateServing.WhenPreferred)
    {
        if (alternate is not null)
        {
            builder.WithMetadata(new AlternateRepresentationMetadata(alternate, serving));
        }

        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            AlternateRepresentation? chosen = null;
            if (alternate is not null)
            {
                if (serving == AlternateServing.WhenPreferred)
                {
                    // One Vary line with the key's headers (UseApiKeyAuth), which some caches read as the only one.
                    var vary = http.Response.Headers.Vary;
                    http.Response.Headers.Vary = string.Join(", ", vary.Append(Microsoft.Net.Http.Headers.HeaderNames.Accept).Where(v => !string.IsNullOrEmpty(v)));
                }

                chosen = serving == AlternateServing.Always || ContentNegotiation.Prefers(http.Request, alternate.MediaType) ? alternate : null;
            }

            if (!Serves(http) || http.Request.RouteValues["id"] is not string id)
            {
                var answer = await next(context);
                if (chosen is null || ETags.OkValue(answer) is not IRevisioned shown)
                {
                    return ETags.Send(answer, http);
                }

                var (alternateBody, _) = await RenderAsync(shown, chosen, http);
                return ETags.Send(alternateBody, ETags.For(shown.Revision, alternateBody), http, chosen.MediaType);
            }

            var storedAs = chosen?.StoredAs ?? resource.Name;
            var contentType = chosen?.MediaType ?? ETags.JsonContentType;
            var store = http.RequestServices.GetRequiredService<RepresentationStore>();
            var ct = http.RequestAborted;
            if (await store.ReadAsync(storedAs, id, ct) is { } stored)
            {
                return ETags.Send(stored.Body, stored.ETag, http, contentType);
            }

            var position = await store.PositionAsync(ct);
            var result = await next(context);
            if (ETags.OkValue(result) is not IRevisioned record)
            {
                return result;
            }

            var (body, refs) = await RenderAsync(record, chosen, http);
            refs.Add(id);
            var etag = ETags.For(record.Revision, body);
            await FillAsync(http, storedAs, id, new StoredRepresentation(body, etag), refs, position, store);
            return ETags.Send(body, etag, http, contentType);
        })
        .Produces(StatusCodes.Status304NotModified);
    }

    /// <summary>
    /// The bytes of <paramref name="record"/> as JSON, or as <paramref name="alternate"/> when given, and the ids they
    /// depend on: those its JSON names, and those the alternate's renderer adds.
    /// </summary>
    private static async Task<(byte[] Body, HashSet<string> Refs)> RenderAsync(IRevisioned record, AlternateRepresentation? alternate, HttpContext http)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, record.GetType(), JsonOptions(http)); // as ETags.Render, without its digest
        var refs = new HashSet<string>(StringComparer.Ordinal);
        RepresentationRefs.Collect(json, refs);
        if (alternate is null)
        {
            return (json, refs);
        }

        var rendered = await alternate.RenderAsync(record, http, http.RequestAborted);
        refs.UnionWith(rendered.Refs);
        return (rendered.Body, refs);
    }

    /// <summary>
    /// Serves a list page of <paramref name="collection"/> (claim, statement) from the read model, keyed by its path and
    /// query, for a reader who sees what an anonymous reader sees. A page depends on the records it shows and on what
    /// decides which records it shows: the ids in <paramref name="anchors"/> (query parameters, or the route's id)
    /// when the request names one, since every record that could enter or leave such a page names that id; without
    /// one, on every record of the collection; and, for each query parameter of <paramref name="filteredThrough"/>
    /// the request names, on every record of the kind that parameter filters through (a claim's language is its
    /// article's). Pages of full-text queries (<c>q</c>) are not stored.
    /// </summary>
    public static RouteHandlerBuilder WithStoredPage(
        this RouteHandlerBuilder builder, string collection, string[] anchors, IReadOnlyDictionary<string, string>? filteredThrough = null) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Serves(http) || http.Request.Query.ContainsKey("q"))
            {
                return await next(context);
            }

            var store = http.RequestServices.GetRequiredService<RepresentationStore>();
            var ct = http.RequestAborted;
            var key = http.Request.Path + http.Request.QueryString;
            if (await store.ReadAsync(Pages, key, ct) is { } stored)
            {
                return SendPage(stored, http);
            }

            var position = await store.PositionAsync(ct);
            var result = await next(context);
            if (ETags.OkValue(result) is not { } page)
            {
                return result;
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(page, page.GetType(), JsonOptions(http));
            var refs = new HashSet<string>(StringComparer.Ordinal);
            RepresentationRefs.Collect(body, refs);
            var anchored = false;
            foreach (var anchor in anchors)
            {
                var value = anchor == "id" ? http.Request.RouteValues["id"] as string : (string?)http.Request.Query[anchor];
                if (value is not null)
                {
                    refs.Add(value);
                    anchored = true;
                }
            }

            if (!anchored)
            {
                refs.Add(RepresentationRefs.Collection(collection));
            }

            foreach (var (parameter, other) in filteredThrough ?? Empty)
            {
                if (http.Request.Query.ContainsKey(parameter))
                {
                    refs.Add(RepresentationRefs.Collection(other));
                }
            }

            // A page has no ETag; what the store keeps beside its bytes is its Link header.
            var representation = new StoredRepresentation(body, http.Response.Headers.Link.ToString());
            await FillAsync(http, Pages, key, representation, refs, position, store);
            return SendPage(representation, http);
        });

    /// <summary>Whether this request's reader sees what an anonymous reader sees, and the read model is on.</summary>
    private static bool Serves(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<ReadModelOptions>>().Value.Enabled && !PersistenceServices.SeesUnpublished(http.User);

    private static FileContentHttpResult SendPage(StoredRepresentation page, HttpContext http)
    {
        if (page.ETag.Length > 0)
        {
            http.Response.Headers.Link = page.ETag;
        }

        return TypedResults.Bytes(page.Body, "application/json; charset=utf-8");
    }

    private static JsonSerializerOptions JsonOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    /// <summary>Stores what was just rendered; a fill that fails leaves the read answered: the next read renders again.</summary>
    private static async Task FillAsync(
        HttpContext http, string resource, string id, StoredRepresentation representation, IReadOnlyCollection<string> refs, long position, RepresentationStore store)
    {
        try
        {
            await store.FillAsync(resource, id, representation, refs, position, http.RequestAborted);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            LogFillFailed(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadModelEndpoints)), resource, id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model could not store {Resource} '{Id}'; the next read renders it again.")]
    private static partial void LogFillFailed(ILogger logger, string resource, string id, Exception exception);
}

/// <summary>The <c>ReadModel</c> section of the configuration.</summary>
public sealed class ReadModelOptions
{
    public const string Section = "ReadModel";

    /// <summary>Whether detail reads and list pages are served from stored representations (on by default; off renders every read, as before, for comparison).</summary>
    public bool Enabled { get; set; } = true;
}
