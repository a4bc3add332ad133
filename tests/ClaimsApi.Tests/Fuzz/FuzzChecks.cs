using System.Text.Json;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>What every answer of the fuzz pass must be, and how two snapshots of the database differ.</summary>
internal static class FuzzChecks
{
    /// <summary>
    /// Whether Kestrel refused the request before the app saw it (a request target it will not decode, such as
    /// <c>%00</c> in the path): a bare 400 that closes the connection and lacks the headers the app puts on every answer.
    /// The app cannot shape these; they are counted, not failed.
    /// </summary>
    public static bool IsRefusedByKestrel(HttpResponseMessage response) =>
        response.StatusCode == System.Net.HttpStatusCode.BadRequest && response.Headers.ConnectionClose == true
        && !response.Headers.Contains("X-Content-Type-Options") && response.Content.Headers.ContentLength == 0;

    /// <summary>
    /// Whether a refused write's problem says it committed part of the request: an import whose rejected lines kept
    /// their own batches from being written, and whose report lists the batches that were (POST /v1/import).
    /// </summary>
    public static bool SaysWhatItCommitted(byte[] body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("report", out var report)
                && report.TryGetProperty("batches", out var batches)
                && batches.EnumerateArray().Any(b => b.GetProperty("committed").GetBoolean());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What is wrong with an answer, or null: a 2xx, a 3xx the operation declares, or a 4xx problem document; never a 5xx.</summary>
    public static string? Check(FuzzRequest request, ApiOperation? operation, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            return $"answered {status}";
        }

        if (status is >= 300 and < 400 && (operation is null || !operation.Statuses.Contains(status)))
        {
            return $"answered {status}, which the operation does not declare";
        }

        if (status is >= 200 and < 300 && request.Mutations is [var only] && only.StartsWith(FuzzRequests.UndeclaredMethod, StringComparison.Ordinal))
        {
            return $"a method the route does not declare answered {status}";
        }

        if (status is >= 200 and < 300 && request.IsWrite && request.Identity is FuzzIdentity.Anonymous or FuzzIdentity.Reader or FuzzIdentity.BadKey
            && operation is not null && operation.Statuses.Contains(403))
        {
            return $"a write that needs a curator key answered {status} to {request.Identity}";
        }

        if (status is >= 200 and < 300 && operation?.Path.StartsWith("/v1/keys", StringComparison.Ordinal) == true && request.Identity != FuzzIdentity.Admin)
        {
            return $"a key operation answered {status} to {request.Identity}";
        }

        if (status is >= 200 and < 300 && mediaType is "application/json" && request.Method != "HEAD" && !IsJson(body))
        {
            return "a success whose JSON body does not parse";
        }

        return status is >= 400 and < 500 ? CheckProblem(request, status, mediaType, body) : null;
    }

    /// <summary>
    /// How <paramref name="after"/> differs from <paramref name="before"/> (tables and a row of each side), or null
    /// when every row of every table is the same.
    /// </summary>
    public static string? Difference(IReadOnlyDictionary<string, List<string>> before, IReadOnlyDictionary<string, List<string>> after)
    {
        var differences = new List<string>();
        foreach (var table in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(table) ?? [];
            var now = after.GetValueOrDefault(table) ?? [];
            if (old.SequenceEqual(now, StringComparer.Ordinal))
            {
                continue;
            }

            var gone = old.Except(now, StringComparer.Ordinal).FirstOrDefault();
            var added = now.Except(old, StringComparer.Ordinal).FirstOrDefault();
            differences.Add($"{table}: {old.Count} rows → {now.Count}{(gone is null ? "" : $"; was [{Row(gone)}]")}{(added is null ? "" : $"; now [{Row(added)}]")}");
        }

        return differences.Count == 0 ? null : string.Join(" | ", differences);
    }

    private static string? CheckProblem(FuzzRequest request, int status, string? mediaType, byte[] body)
    {
        if (mediaType != "application/problem+json")
        {
            return $"answered {status} with {(mediaType is null ? "no content type" : mediaType)}, not a problem document";
        }

        if (request.Method == "HEAD")
        {
            return null; // no body on HEAD
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var problem = json.RootElement;
            if (problem.ValueKind != JsonValueKind.Object)
            {
                return "the problem document is not a JSON object";
            }

            if (!problem.TryGetProperty("status", out var statusField) || statusField.ValueKind != JsonValueKind.Number || statusField.GetInt32() != status)
            {
                return $"the problem document's status is not {status}";
            }

            foreach (var field in new[] { "type", "title", "detail", "instance", "traceId" })
            {
                if (!problem.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
                {
                    return $"the problem document has no {field}";
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"the problem document does not parse: {e.Message}";
        }
    }

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Row(string row) => (row.Length <= 300 ? row : row[..300] + "…").Replace('\u001f', '|');
}
