using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClaimsApi.Curation;
using ClaimsApi.Features.Claims;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>Who sends a request.</summary>
internal enum FuzzIdentity
{
    Admin,
    Curator,
    Reader,
    Anonymous,
    /// <summary>A key the server never issued, or a malformed Authorization header.</summary>
    BadKey,
}

/// <summary>One request of the fuzz pass, and what was done to it (<see cref="Mutations"/>), to print on failure.</summary>
internal sealed record FuzzRequest(
    int Case,
    string Operation,
    string Method,
    string Target,
    FuzzIdentity Identity,
    string? Authorization,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    bool Chunked,
    string? ETagOf,
    IReadOnlyList<string> Mutations)
{
    public bool IsWrite => Method is not ("GET" or "HEAD" or "OPTIONS" or "TRACE");

    public string Describe()
    {
        var text = new StringBuilder(FormattableString.Invariant($"case {Case} ({Operation}): {Method} {Shorten(Target, 300)} as {Identity}"));
        text.Append(Mutations.Count == 0 ? ", unmutated" : $", mutations: {string.Join("; ", Mutations)}");
        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    {name}: {Shorten(value, 120)}");
        }

        if (ContentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    Content-Type: {Shorten(ContentType, 120)}");
        }

        if (Body is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    body ({Body.Length} bytes{(Chunked ? ", chunked" : "")}): {Shorten(Encoding.UTF8.GetString(Body), 400)}");
        }

        return text.ToString();
    }

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..length] + $"… ({value.Length} chars)";
}

/// <summary>
/// Builds the requests of the fuzz pass from an operation of the document: a valid request (known ids, values from
/// each parameter's schema, a valid body, the current ETag) with mutations of every kind applied to its path, query,
/// body, content type, If-Match, headers or key. Everything is drawn from the <see cref="Random"/> given, so a seed
/// replays the same requests.
/// </summary>
internal sealed class FuzzRequests(FuzzPools pools)
{
    /// <summary>The pseudo-operation for routes and methods the document does not have (404, 405).</summary>
    public const string Undeclared = "undeclared route or method";

    /// <summary>The mutation of an undeclared request that names a method a declared route does not answer (a 405, never a success).</summary>
    public const string UndeclaredMethod = "undeclared method: ";

    private static readonly string[] UnknownRoutes =
        ["/", "/v1", "/v1/", "/v2/claims", "/v1/nothing", "/v1/claims/x/y/z", "/v1/CLAIMS", "/admin", "/.env", "/v1/claims/%2e%2e/keys", "/v1/keys/../claims", "/swagger/../openapi/v1.json", "/health", "/openapi/v2.json"];

    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"];

    private static readonly string[] IfNoneMatch = ["*", "\"1\"", "garbage", "W/\"2\"", "\"99999999999999999999\""];

    private static readonly string[] ContentEncodings = ["gzip", "br", "identity, gzip", "klingon"];

    [Flags]
    private enum Parts
    {
        None = 0,
        Path = 1,
        Query = 2,
        Body = 4,
        ContentType = 8,
        IfMatch = 16,
        Headers = 32,
        Identity = 64,
    }

    public FuzzRequest Next(Random random, ApiOperation operation, int n)
    {
        var mutations = new List<string>();
        var parts = random.Next(100) < 85 ? PickParts(random, operation) : Parts.None;

        var (identity, authorization) = Identity(random, operation, parts.HasFlag(Parts.Identity), mutations);
        var (path, recordUrl) = Path(random, operation, parts.HasFlag(Parts.Path), mutations);
        var query = Query(random, operation, parts.HasFlag(Parts.Query), mutations);
        var headers = new List<KeyValuePair<string, string>>();
        if (parts.HasFlag(Parts.Headers))
        {
            Headers(random, headers, mutations);
        }

        string? etagOf = null;
        if (operation.TakesIfMatch)
        {
            if (parts.HasFlag(Parts.IfMatch))
            {
                var (label, value) = ValidBodies.Pick(random, HostileValues.IfMatch);
                mutations.Add($"If-Match={label}");
                if (value is not null)
                {
                    headers.Add(new("If-Match", value));
                }
            }
            else
            {
                etagOf = recordUrl;
            }
        }

        var (body, contentType, chunked) = Body(random, operation, parts, n, mutations);
        return new FuzzRequest(n, operation.ToString(), operation.Method, path + query, identity, authorization, headers, body, contentType, chunked, etagOf, mutations);
    }

    /// <summary>A request to a route or with a method the document does not declare.</summary>
    public static FuzzRequest NextUndeclared(Random random, IReadOnlyList<ApiOperation> operations, int n)
    {
        string method, path, label;
        if (random.Next(3) == 0)
        {
            method = ValidBodies.Pick(random, AllMethods);
            path = ValidBodies.Pick(random, UnknownRoutes);
            label = $"unknown route: {method} {path}";
        }
        else
        {
            var template = ValidBodies.Pick(random, operations).Path;
            var declared = operations.Where(o => o.Path == template).Select(o => o.Method).ToHashSet();
            var others = AllMethods.Where(m => !declared.Contains(m) && !(m == "HEAD" && declared.Contains("GET"))).ToArray();
            method = ValidBodies.Pick(random, others);
            path = template.Replace("{revision}", "1", StringComparison.Ordinal).Replace("{id}", "dprk", StringComparison.Ordinal)
                .Replace("{claimId}", "dprk-troops-fought-in-kursk", StringComparison.Ordinal).Replace("{name}", "fuzz", StringComparison.Ordinal);
            label = $"{UndeclaredMethod}{method} {path}";
        }

        byte[]? body = null;
        string? contentType = null;
        if (method is not ("GET" or "HEAD" or "TRACE") && random.Next(2) == 0)
        {
            body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");
            contentType = "application/json";
        }

        return new FuzzRequest(n, Undeclared, method, path, random.Next(2) == 0 ? FuzzIdentity.Admin : FuzzIdentity.Anonymous, null, [], body, contentType, false, null, [label]);
    }

    private static Parts PickParts(Random random, ApiOperation operation)
    {
        var available = new List<Parts> { Parts.Query, Parts.Headers, Parts.Identity };
        if (operation.Parameters.Any(p => p.In == "path"))
        {
            available.AddRange([Parts.Path, Parts.Path]);
        }

        if (operation.Bodies.Count > 0)
        {
            available.AddRange([Parts.Body, Parts.Body, Parts.Body, Parts.ContentType]);
        }
        else
        {
            available.Add(Parts.Body); // a body where none is expected
        }

        if (operation.TakesIfMatch)
        {
            available.Add(Parts.IfMatch);
        }

        var parts = Parts.None;
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            parts |= available[random.Next(available.Count)];
        }

        return parts;
    }

    private static (FuzzIdentity, string?) Identity(Random random, ApiOperation operation, bool mutate, List<string> mutations)
    {
        if (!mutate)
        {
            // Reads as an anonymous reader or with the admin key; writes with the admin key, so they reach the handler.
            return (operation.IsWrite || operation.Path.StartsWith("/v1/keys", StringComparison.Ordinal) || random.Next(2) == 0 ? FuzzIdentity.Admin : FuzzIdentity.Anonymous, null);
        }

        var identity = (FuzzIdentity)random.Next(1, 5);
        string? authorization = null;
        if (identity == FuzzIdentity.BadKey)
        {
            authorization = ValidBodies.Pick(random, new[]
            {
                "Bearer ck_" + new string('A', 43), "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + new string('k', 5000),
                "Bearer ck_' OR 1=1 --", "bearer ck_x", "Bearer a b c", "Negotiate x",
            });
        }

        mutations.Add(authorization is null ? $"as {identity}" : $"Authorization: {(authorization.Length > 40 ? authorization[..40] + "…" : authorization)}");
        return (identity, authorization);
    }

    private (string Path, string? RecordUrl) Path(Random random, ApiOperation operation, bool mutate, List<string> mutations)
    {
        var names = operation.Parameters.Where(p => p.In == "path").Select(p => p.Name).ToList();
        var mutated = mutate && names.Count > 0 ? names[random.Next(names.Count)] : null;
        var path = operation.Path;
        string? recordId = null;
        foreach (var name in names)
        {
            string segment;
            if (name == mutated)
            {
                string label;
                switch (random.Next(3))
                {
                    case 0:
                        (label, segment) = ValidBodies.Pick(random, HostileValues.PathSegments);
                        break;
                    case 1:
                        (label, var value) = ValidBodies.Pick(random, HostileValues.Strings);
                        segment = FuzzText.Url(value);
                        break;
                    default:
                        (label, var change) = ValidBodies.Pick(random, HostileValues.Transforms);
                        segment = FuzzText.Url(change(ValidPathValue(random, name, operation.Path)));
                        break;
                }

                mutations.Add($"{{{name}}}={label}");
            }
            else
            {
                segment = Uri.EscapeDataString(ValidPathValue(random, name, operation.Path));
                if (name != "revision")
                {
                    recordId ??= segment;
                }
            }

            path = path.Replace("{" + name + "}", segment, StringComparison.Ordinal);
        }

        // The record whose ETag an If-Match carries: /v1/<kind>/<id>.
        var kind = operation.Path.Split('/')[2];
        return (path, recordId is null || mutated is not null ? null : $"/v1/{kind}/{recordId}");
    }

    private string ValidPathValue(Random random, string name, string path) =>
        name == "revision" ? random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture) : pools.Pick(random, FuzzPools.KindOf(name, path));

    private string Query(Random random, ApiOperation operation, bool mutate, List<string> mutations)
    {
        var parameters = operation.Parameters.Where(p => p.In == "query").ToList();
        var pairs = new List<string>();
        foreach (var parameter in parameters)
        {
            if (random.Next(10) < 3)
            {
                pairs.Add($"{parameter.Name}={Uri.EscapeDataString(ValidQueryValue(random, parameter, operation.Path))}");
            }
        }

        if (mutate)
        {
            var parameter = parameters.Count > 0 ? parameters[random.Next(parameters.Count)] : new ApiParameter("fuzz", "query", [], false);
            var name = parameter.Name;
            switch (random.Next(8))
            {
                case 0:
                    pairs.Add($"{name}={Uri.EscapeDataString(ValidQueryValue(random, parameter, operation.Path))}");
                    pairs.Add($"{name}={Uri.EscapeDataString(ValidQueryValue(random, parameter, operation.Path))}");
                    mutations.Add($"?{name} twice");
                    break;
                case 1:
                    var (label, raw) = ValidBodies.Pick(random, HostileValues.RawQueryValues);
                    pairs.Add($"{name}={raw}");
                    mutations.Add($"?{name}={label}");
                    break;
                case 2:
                    var (number, text) = ValidBodies.Pick(random, HostileValues.Numbers);
                    pairs.Add($"{name}={Uri.EscapeDataString(text)}");
                    mutations.Add($"?{name}={number}");
                    break;
                case 3:
                    var (cursor, value) = pools.PickCursor(random) is { } real && random.Next(2) == 0
                        ? ("real-cursor-elsewhere", real)
                        : ValidBodies.Pick(random, HostileValues.Cursors);
                    pairs.Add($"cursor={Uri.EscapeDataString(value)}");
                    mutations.Add($"?cursor={cursor}");
                    break;
                case 4:
                    var odd = ValidBodies.Pick(random, new[] { "colour=red", "q[]=x", "=x", "&&&", name, $"{name}[0]=1", "LIMIT=5", string.Join('&', Enumerable.Repeat("a=1", 500)) });
                    pairs.Add(odd);
                    mutations.Add($"?{(odd.Length > 30 ? odd[..30] + "…" : odd)}");
                    break;
                case 5:
                    var (change, apply) = ValidBodies.Pick(random, HostileValues.Transforms);
                    pairs.Add($"{name}={FuzzText.Url(apply(ValidQueryValue(random, parameter, operation.Path)))}");
                    mutations.Add($"?{name}{change}");
                    break;
                case 6:
                    pairs.Add($"{name}={Uri.EscapeDataString(new string('q', random.Next(501, 20_000)))}");
                    mutations.Add($"?{name}=long");
                    break;
                default:
                    var (hostile, s) = ValidBodies.Pick(random, HostileValues.Strings);
                    pairs.Add($"{name}={FuzzText.Url(s)}");
                    mutations.Add($"?{name}={hostile}");
                    break;
            }
        }

        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private string ValidQueryValue(Random random, ApiParameter parameter, string path)
    {
        var schema = parameter.Schema;
        if (schema["enum"] is JsonArray values)
        {
            return values[random.Next(values.Count)]!.GetValue<string>();
        }

        return parameter.Name switch
        {
            "cursor" => pools.PickCursor(random) ?? "",
            "q" or "name" => ValidBodies.Words2(random),
            "language" => "en",
            "sourceUrl" => "https://example.org/fuzz",
            "from" or "to" => ValidBodies.Date(random),
            "limit" => random.Next(1, 101).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "batch" => random.Next(1, 1001).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" => $"fuzz-article-q{random.Next(1000)}",
            _ => pools.Pick(random, FuzzPools.KindOf(parameter.Name, path)),
        };
    }

    private static void Headers(Random random, List<KeyValuePair<string, string>> headers, List<string> mutations)
    {
        switch (random.Next(5))
        {
            case 0:
                var (label, accept) = ValidBodies.Pick(random, HostileValues.Accept);
                headers.Add(new("Accept", accept));
                mutations.Add($"Accept={label}");
                break;
            case 1:
                var match = ValidBodies.Pick(random, IfNoneMatch);
                headers.Add(new("If-None-Match", match));
                mutations.Add($"If-None-Match={match}");
                break;
            case 2:
                headers.Add(new("X-Api-Key", ValidBodies.Pick(random, new[] { "ck_" + new string('B', 43), "", "' OR 1=1 --", new string('k', 4000) })));
                mutations.Add("X-Api-Key=unknown");
                break;
            case 3:
                var encoding = ValidBodies.Pick(random, ContentEncodings);
                headers.Add(new("Content-Encoding", encoding));
                mutations.Add($"Content-Encoding={encoding}");
                break;
            default:
                headers.Add(new("Accept-Charset", "klingon"));
                headers.Add(new("Accept-Language", "tlh;q=1, *;q=0"));
                mutations.Add("Accept-Charset=klingon");
                break;
        }
    }

    private (byte[]? Body, string? ContentType, bool Chunked) Body(Random random, ApiOperation operation, Parts parts, int n, List<string> mutations)
    {
        byte[]? bytes = null;
        string? contentType = null;
        if (operation.Bodies.Count > 0)
        {
            var (declared, body) = operation.Bodies.ElementAt(random.Next(operation.Bodies.Count));
            var limit = body.Name is "ArticleWrite" or "ExtractRequest" or ValidBodies.ArticleText ? WriteLimits.ArticleBodyBytes
                : body.Name == "ClaimMatchRequest" ? ClaimMatcher.MaxBodyBytes : WriteLimits.JsonBodyBytes;
            var valid = ValidBodies.For(body.Name, random, pools, n);
            contentType = declared switch
            {
                ValidBodies.ArticleText => "text/plain; charset=utf-8",
                ValidBodies.Ndjson => ValidBodies.Ndjson,
                _ => "application/json",
            };
            bytes = (parts.HasFlag(Parts.Body), valid) switch
            {
                (true, JsonObject json) => FuzzBodies.MutateJson(random, json, body.Schema, limit, mutations),
                (true, _) => FuzzBodies.MutateArticleText(random, valid.GetValue<string>(), limit, mutations),
                (false, JsonObject json) => FuzzText.Json(json),
                _ => FuzzText.Plain(valid.GetValue<string>()),
            };
        }
        else if (parts.HasFlag(Parts.Body))
        {
            bytes = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"text\":\"' OR 1=1 --\"}");
            contentType = "application/json";
            mutations.Add("a body where none is expected");
        }

        if (parts.HasFlag(Parts.ContentType))
        {
            var (label, value) = ValidBodies.Pick(random, HostileValues.ContentTypes);
            contentType = value;
            mutations.Add($"Content-Type={label}");
        }

        var chunked = bytes is not null && random.Next(10) == 0;
        if (chunked)
        {
            mutations.Add("chunked");
        }

        return (bytes, contentType, chunked);
    }
}
