using System.Globalization;
using System.Text.Json;
using static ClaimsApi.Ceiling.Wire;

namespace ClaimsApi.Ceiling;

/// <summary>
/// The request handlers: each checks its request, runs one prepared statement and writes the JSON with Utf8JsonWriter
/// into the response's buffer as it reads the rows. The queries are built once, for the provider.
/// </summary>
internal sealed class Reads(Dialect dialect, Database database)
{
    private readonly Query _claim = Claims.Detail(dialect);
    private readonly Query _statement = Statements.Detail();
    private readonly Query _entity = Entities.Detail(dialect);
    private readonly Query _article = Articles.Detail(dialect);

    /// <summary>Indexed by (kind given ? 2 : 0) + (cursor given ? 1 : 0).</summary>
    private readonly Query[] _claimsMentioning =
    [
        Lists.ClaimsMentioning(dialect, kind: false, after: false), Lists.ClaimsMentioning(dialect, kind: false, after: true),
        Lists.ClaimsMentioning(dialect, kind: true, after: false), Lists.ClaimsMentioning(dialect, kind: true, after: true),
    ];

    private readonly Query[] _claimsOfEntity = [Lists.ClaimsOfEntity(dialect, after: false), Lists.ClaimsOfEntity(dialect, after: true)];
    private readonly Query[] _statementsBySpeaker = [Statements.BySpeaker(after: false), Statements.BySpeaker(after: true)];

    /// <summary>ClaimKind's wire names (the API's filter takes them in any case) to the names the database stores.</summary>
    private static readonly Dictionary<string, string> ClaimKinds = new[] { "Factual", "Legal", "Causal", "Prediction", "Opinion" }
        .ToDictionary(JsonNamingPolicy.KebabCaseLower.ConvertName, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every query, named by what it serves (<c>--sql</c> prints them).</summary>
    public static IEnumerable<(string Name, Query Query)> Queries(Dialect dialect)
    {
        var reads = new Reads(dialect, database: null!);
        (string, Query)[] details =
            [("GET /v1/claims/{id}", reads._claim), ("GET /v1/statements/{id}", reads._statement), ("GET /v1/entities/{id}", reads._entity), ("GET /v1/articles/{id}", reads._article)];
        return details
            .Concat(reads._claimsMentioning.Select((q, i) => ($"GET /v1/claims?entity{(i >= 2 ? "&kind" : "")}{(i % 2 == 1 ? "&cursor" : "")}", q)))
            .Concat(reads._statementsBySpeaker.Select((q, i) => ($"GET /v1/statements?speaker{(i == 1 ? "&cursor" : "")}", q)))
            .Concat(reads._claimsOfEntity.Select((q, i) => ($"GET /v1/entities/{{id}}/claims{(i == 1 ? "?cursor" : "")}", q)));
    }

    public Task ClaimAsync(HttpContext http) => DetailAsync(http, _claim, Claims.WriteAsync);

    public Task StatementAsync(HttpContext http) => DetailAsync(http, _statement, Statements.WriteDetailAsync);

    public Task EntityAsync(HttpContext http) => DetailAsync(http, _entity, Entities.WriteAsync);

    public Task ArticleAsync(HttpContext http) => DetailAsync(http, _article, Articles.WriteAsync);

    /// <summary><c>GET /v1/claims?entity=…[&amp;kind=…]</c>.</summary>
    public Task ClaimsAsync(HttpContext http)
    {
        var page = PageRequest.Read(http, Cursor.NewestFirst, "entity", "kind");
        string? kind = null;
        if (page?.Id("entity") is not { } entity || (http.Request.Query.TryGetValue("kind", out var given) && !ClaimKinds.TryGetValue(given!, out kind)))
        {
            return Status(http, StatusCodes.Status400BadRequest);
        }

        object[] values = [entity, .. kind is null ? [] : new object[] { kind }, .. Position(page), page.Limit + 1];
        var query = _claimsMentioning[(kind is null ? 0 : 2) + (page.After is null ? 0 : 1)];
        return PageAsync(http, query, values, page, owner: null, Lists.Item, WriteClaimAsync);
    }

    /// <summary><c>GET /v1/entities/{id}/claims</c>: a 404 when the entity is not there (deleted, or never was).</summary>
    public Task EntityClaimsAsync(HttpContext http)
    {
        var page = PageRequest.Read(http, Cursor.NewestFirst);
        if (page is null || http.Request.RouteValues["id"] is not string id || !PageRequest.IsId(id))
        {
            return Status(http, page is null ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound);
        }

        object[] values = [id, .. Position(page), page.Limit + 1];
        return PageAsync(http, _claimsOfEntity[page.After is null ? 0 : 1], values, page, owner: Lists.Found, Lists.Item, WriteClaimAsync);
    }

    /// <summary><c>GET /v1/statements?speaker=…</c>.</summary>
    public Task StatementsAsync(HttpContext http)
    {
        var page = PageRequest.Read(http, Cursor.ById, "speaker");
        if (page?.Id("speaker") is not { } speaker)
        {
            return Status(http, StatusCodes.Status400BadRequest);
        }

        object[] values = page.After is { } after ? [speaker, after.Id, page.Limit + 1] : [speaker, page.Limit + 1];
        return PageAsync(http, _statementsBySpeaker[page.After is null ? 0 : 1], values, page, owner: null, Statements.Statement, WriteStatementAsync);
    }

    /// <summary>A claim list's position after the cursor: its date and id.</summary>
    private static object[] Position(PageRequest page) =>
        page.After is { } after ? [DateOnly.ParseExact(after.Key!, "yyyy-MM-dd", CultureInfo.InvariantCulture), after.Id] : [];

    private static async ValueTask<Cursor> WriteClaimAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct)
    {
        var claim = rows.Columns;
        var (id, claimedOn) = Claims.WriteSummary(json, ref claim);
        await rows.NextAsync(ct);
        return new Cursor(Cursor.NewestFirst, claimedOn, id);
    }

    private static async ValueTask<Cursor> WriteStatementAsync(Rows rows, Utf8JsonWriter json, CancellationToken ct) =>
        new(Cursor.ById, null, await Statements.WriteAsync(rows, json, ct));

    private static Task Status(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private async Task DetailAsync(HttpContext http, Query query, Func<Rows, Utf8JsonWriter, CancellationToken, ValueTask<bool>> write)
    {
        if (http.Request.RouteValues["id"] is not string id || !PageRequest.IsId(id) || http.Request.QueryString.HasValue)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Nothing is written before the first row shows the record is there, so a 404 can still be answered.
        http.Response.ContentType = ContentType;
        using var json = new Utf8JsonWriter(http.Response.BodyWriter, Options);
        await using (var reading = await database.ReadAsync(query, [id], http.RequestAborted))
        {
            if (!await write(new Rows(reading.Reader, query.Shape), json, http.RequestAborted))
            {
                http.Response.ContentType = null;
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            json.Flush(); // into the response's buffer; the connection goes back before the network write
        }
    }

    /// <summary>
    /// A page: <c>{"items":[…],"limit":…,"nextCursor":…,"next":…}</c>. The query asks for one item more than the page
    /// holds, as the API does, to know whether there is a next page. When <paramref name="owner"/> is given, the first
    /// row must be of that kind (the entity whose list it is exists), or the answer is a 404.
    /// </summary>
    private async Task PageAsync(
        HttpContext http, Query query, object[] values, PageRequest page, int? owner, int item, Func<Rows, Utf8JsonWriter, CancellationToken, ValueTask<Cursor>> writeItem)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = ContentType;
        using var json = new Utf8JsonWriter(http.Response.BodyWriter, Options);
        await using (var reading = await database.ReadAsync(query, values, ct))
        {
            var rows = new Rows(reading.Reader, query.Shape);
            await rows.NextAsync(ct);
            if (owner is { } found)
            {
                if (!rows.At(found))
                {
                    http.Response.ContentType = null;
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await rows.NextAsync(ct);
            }

            json.WriteStartObject();
            json.WriteStartArray(Names.Items);
            Cursor? last = null;
            for (var count = 0; count < page.Limit && rows.At(item); count++)
            {
                last = await writeItem(rows, json, ct);
            }

            json.WriteEndArray();
            json.WriteNumber(Names.Limit, page.Limit);
            var next = rows.At(item) ? last!.Encode() : null;
            json.WriteString(Names.NextCursor, next);
            json.WriteString(Names.Next, next is null ? null : page.NextLink(next));
            json.WriteEndObject();
            json.Flush();
        }
    }
}
