using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ClaimsApi.Http;

/// <summary>
/// The query is held to the same standard as the body (decision 0026): a query parameter the operation does not
/// take (<c>/v1/entities?q=…</c>), or one given more than once (<c>?q=a&amp;q=b</c>, which binding would have read as
/// "a,b"), is a 400 validation problem naming it and listing the parameters the operation takes, before any work.
/// The names come from the endpoint's API description, the one the OpenAPI document is built from: what the
/// document lists is exactly what is accepted. Names match case-insensitively, as binding does (<c>LIMIT=5</c> is
/// <c>limit</c>). Endpoints the document does not describe (health checks, the document itself) are not checked.
/// </summary>
public static class QueryParameters
{
    /// <summary>At most this many parameters are named in one problem: a query string can hold thousands.</summary>
    private const int MaxReported = 10;

    /// <summary>Checks the query string of every request to an operation of the OpenAPI document (after routing and authorisation).</summary>
    public static IApplicationBuilder UseKnownQueryParameters(this IApplicationBuilder app)
    {
        var catalog = new QueryParameterCatalog(app.ApplicationServices.GetRequiredService<IApiDescriptionGroupCollectionProvider>());
        return app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.HasValue && context.GetEndpoint() is { } endpoint && catalog.Of(endpoint) is { } accepted
                && Check(context.Request.Query, accepted) is { } problem)
            {
                await problem.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    /// <summary>The 400 for the query's unknown and repeated parameters, or null when every one is taken once.</summary>
    internal static IResult? Check(IQueryCollection query, AcceptedQueryParameters accepted)
    {
        Dictionary<string, string[]>? errors = null;
        var problems = 0;
        foreach (var (name, values) in query)
        {
            string? message = null;
            var key = name;
            if (!accepted.TryGetName(name, out var documented))
            {
                key = Shorten(name);
                message = accepted.Names.Count == 0
                    ? $"Unknown query parameter '{key}'; this operation takes no query parameters."
                    : $"Unknown query parameter '{key}'; accepted: {string.Join(", ", accepted.Names)}.";
            }
            else if (values.Count > 1)
            {
                key = documented;
                message = $"Query parameter '{documented}' is given {values.Count} times; give it once.";
            }

            if (message is not null && ++problems <= MaxReported)
            {
                (errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal))[key] = [message];
            }
        }

        if (errors is null)
        {
            return null;
        }

        var detail = string.Join(" ", errors.Values.SelectMany(m => m));
        return Problems.Invalid(errors, problems > MaxReported ? $"{detail} ({problems - MaxReported} more not listed.)" : detail);
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..(char.IsHighSurrogate(name[38]) ? 38 : 39)] + "...";
}

/// <summary>The query parameters one operation takes, in the order of its OpenAPI description.</summary>
internal sealed class AcceptedQueryParameters(IReadOnlyList<string> names)
{
    private readonly FrozenDictionary<string, string> byName = names.Distinct(StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(n => n, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>Whether the operation takes <paramref name="name"/> (in any case), and its documented spelling.</summary>
    public bool TryGetName(string name, out string documented) => byName.TryGetValue(name, out documented!);
}

/// <summary>
/// The query parameters of each endpoint, from ApiExplorer's descriptions (<c>[AsParameters]</c> records'
/// <c>[FromQuery(Name = …)]</c>, plain query parameters): read once, the first time a request needs them, then
/// cached per endpoint.
/// </summary>
internal sealed class QueryParameterCatalog(IApiDescriptionGroupCollectionProvider explorer)
{
    private readonly ConcurrentDictionary<Endpoint, AcceptedQueryParameters?> byEndpoint = new();
    private FrozenDictionary<string, AcceptedQueryParameters>? byRoute;

    /// <summary>What <paramref name="endpoint"/> takes, or null when the document does not describe it.</summary>
    public AcceptedQueryParameters? Of(Endpoint endpoint) => byEndpoint.GetOrAdd(endpoint, e =>
    {
        if (e is not RouteEndpoint route || e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
        {
            return null;
        }

        var routes = byRoute ??= Describe(explorer); // built twice at worst, by two first requests at once
        var described = methods.HttpMethods.Select(m => routes.GetValueOrDefault(Key(m, route.RoutePattern.RawText))).OfType<AcceptedQueryParameters>().ToList();
        return described.Count <= 1
            ? described.FirstOrDefault()
            : new AcceptedQueryParameters([.. described.SelectMany(a => a.Names).Distinct(StringComparer.OrdinalIgnoreCase)]);
    });

    private static FrozenDictionary<string, AcceptedQueryParameters> Describe(IApiDescriptionGroupCollectionProvider explorer) =>
        explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => d.HttpMethod is not null)
            .GroupBy(d => Key(d.HttpMethod!, d.RelativePath), StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => new AcceptedQueryParameters([.. g.SelectMany(d => d.ParameterDescriptions)
                    .Where(p => p.Source == BindingSource.Query)
                    .Select(p => p.Name)
                    .Distinct(StringComparer.OrdinalIgnoreCase)]),
                StringComparer.Ordinal);

    // ApiExplorer's relative path is the route pattern's text without its leading slash.
    private static string Key(string method, string? pattern) => $"{method.ToUpperInvariant()} {pattern?.TrimStart('/')}";
}
