using System.Text.Json.Nodes;
using ClaimsApi.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;

namespace ClaimsApi.Export;

/// <summary>
/// The exports' part of the route table: <c>GET /v1/{collection}/export</c> takes its list's query record, checked by
/// the list's own validator, so the filters cannot drift apart, but not the list's paging (and order) parameters: an
/// export has no pages. Those are left out of the endpoint's API description, which both the OpenAPI document and the
/// check of unknown query parameters (<see cref="QueryParameters"/>) read, so <c>?limit=5</c> is a 400 naming it.
/// </summary>
public static class ExportRoutes
{
    /// <summary>Registers the export settings and the description provider that leaves the paging parameters out.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, ParametersNotTaken>());
        return services;
    }

    /// <summary>
    /// Maps <c>GET {group}/export</c> to <paramref name="handler"/>, whose list query is validated by the validator of
    /// <typeparamref name="TListQuery"/>, with the list parameters <paramref name="notTaken"/> left out; it answers
    /// NDJSON or CSV (406 for an Accept header that takes neither), and an export holds one of a client's few
    /// concurrent exports (<see cref="RateLimits.ExportPolicy"/>).
    /// </summary>
    /// <param name="group">The collection's group (<c>/v1/claims</c>).</param>
    /// <param name="handler">The export's handler.</param>
    /// <param name="record">The schema each NDJSON line is (the record's <c>GET</c> representation), for the document.</param>
    /// <param name="notTaken">The list's query parameters the export does not take.</param>
    public static RouteHandlerBuilder MapExport<TListQuery>(this RouteGroupBuilder group, Delegate handler, string record, params string[] notTaken) =>
        group.MapGet("/export", handler)
            .Validate<TListQuery>()
            .Validate<ExportQuery>()
            .WithMetadata(new QueryParametersNotTaken(notTaken))
            .Produces<string>(StatusCodes.Status200OK, ExportFormats.NdjsonMediaType, ExportFormats.CsvMediaType)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .RequireRateLimiting(RateLimits.ExportPolicy)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var declared) == true && declared is OpenApiResponse ok)
                {
                    ok.Description = $"The records in id order, as of one moment: NDJSON, one {record} per line, exactly as GET of the record answers; "
                        + "or RFC 4180 CSV, a header row naming the columns by the JSON paths they flatten, then one row per record (docs/api-guide.md#exports).";
                    ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    ok.Headers[ExportHeaders.Position] = new OpenApiHeader
                    {
                        Description = "The change-feed position the export is consistent with: it holds every change up to this position and none after, so GET /v1/changes?after={position} gives what changed since.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
                        Example = JsonValue.Create(1234),
                    };
                }

                if (operation.Responses?.TryGetValue("406", out var notAcceptable) == true && notAcceptable is OpenApiResponse refused)
                {
                    refused.Description = "Not Acceptable: the Accept header takes neither application/x-ndjson nor text/csv (and no format parameter chose one); an RFC 9457 problem document.";
                }

                return Task.CompletedTask;
            });

    /// <summary>Endpoint metadata: query parameters of the endpoint's query record that the endpoint does not take.</summary>
    public sealed record QueryParametersNotTaken(IReadOnlyList<string> Names);

    /// <summary>Leaves the parameters of <see cref="QueryParametersNotTaken"/> out of the endpoints' API descriptions.</summary>
    private sealed class ParametersNotTaken : IApiDescriptionProvider
    {
        /// <summary>After the provider that describes the endpoints (order -1100).</summary>
        public int Order => 0;

        public void OnProvidersExecuting(ApiDescriptionProviderContext context)
        {
            foreach (var description in context.Results)
            {
                if (description.ActionDescriptor.EndpointMetadata?.OfType<QueryParametersNotTaken>().FirstOrDefault() is not { } notTaken)
                {
                    continue;
                }

                var parameters = description.ParameterDescriptions;
                for (var i = parameters.Count - 1; i >= 0; i--)
                {
                    if (parameters[i].Source == BindingSource.Query && notTaken.Names.Contains(parameters[i].Name, StringComparer.OrdinalIgnoreCase))
                    {
                        parameters.RemoveAt(i);
                    }
                }
            }
        }

        public void OnProvidersExecuted(ApiDescriptionProviderContext context)
        {
        }
    }
}
