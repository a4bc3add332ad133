using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaimsApi.Auth;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// The limits the document states on request body fields and query parameters are where the API refuses
/// (decision 0028), through the real endpoints. For each limit (maxLength/minLength, maxItems/minItems,
/// minimum/maximum, pattern): a value just past it is refused with a 400 naming the field, in every example body
/// (each case) that has the field's object; a value just at it is not refused for that field in at least one
/// (some limits are reached in one case only: a title only with the structured fields). A string or list the
/// document leaves unbounded takes a long one. So a limit the validators enforce that the document leaves out, or
/// states wrong, or one no validator enforces, fails here. Validation is the same on every provider: SQLite only.
/// </summary>
public sealed class FieldLimitsTests(SqliteApi fixture) : IClassFixture<SqliteApi>
{
    /// <summary>Well past any limit: an unbounded string must take it (under the 64 KB body and request-line limits).</summary>
    private const int Unbounded = 60_000;

    /// <summary>Values of a given length for each pattern the document states (a pattern with none fails the test: add one).</summary>
    private static readonly Dictionary<string, Func<int, string>> Fillers = new(StringComparer.Ordinal)
    {
        [Ids.Pattern] = n => new string('x', n),
        [ApiKeyStore.NamePattern] = n => new string('x', n),
        [EntityRules.WikidataPattern] = n => "Q1" + new string('0', n - 2),
        [ArticleBuilder.LanguageTagPattern] = LanguageTag,
    };

    /// <summary>Values that break a pattern: the first that does is sent.</summary>
    private static readonly string[] Breakers = ["-", "!", " "];

    /// <summary>
    /// Values only the API or a short list makes, so only past their limits is checked: an opaque cursor (no value of
    /// its maximum length is one), a change feed position (valid up to the newest change only), a list of record types.
    /// </summary>
    private static readonly HashSet<string> Opaque = ["cursor", "after", "types"];

    private readonly SqliteApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task EveryLimitOfEveryRequestBodyFieldIsWhereTheApiRefuses()
    {
        using var client = await api.CreateClientAsync(ApiRole.Admin);
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var (name, schema, operation) in DocumentedBodies.Schemas())
        {
            var target = new BodyTarget(client, operation, DocumentedBodies.Url(operation));
            foreach (var example in (schema["examples"]?.AsArray() ?? []).Select(e => e!.AsObject().DeepClone().AsObject()))
            {
                Collect(target, example, example, schema, name, "", fields);
            }
        }

        var failures = new List<string>();
        var probed = 0;
        foreach (var (key, field) in fields)
        {
            foreach (var probe in Probes(field.Name, field.Schema, field.Items))
            {
                probed++;
                var refusals = new List<bool>();
                foreach (var (target, root, node, path) in field.Occurrences)
                {
                    var original = node[field.Name];
                    node[field.Name] = probe.Value.DeepClone();
                    var (status, errors) = await target.SendAsync(root);
                    node.Remove(field.Name);
                    if (original is not null)
                    {
                        node[field.Name] = original;
                    }

                    refusals.Add(Refused(status, errors, path + field.Name, probe.MustRefuse));
                }

                if (probe.MustRefuse ? !refusals.All(r => r) : refusals.All(r => r))
                {
                    failures.Add($"{key}: {probe.What} is {(probe.MustRefuse ? "accepted" : "refused naming the field in every example")}");
                }
            }
        }

        Assert.Contains("ClaimWrite.text", fields.Keys);
        Assert.Contains("EvidenceWrite.exact", fields.Keys);
        Assert.Contains("ArticleWrite.paragraphs", fields.Keys);
        Assert.True(probed > 150, $"only {probed} probes");
        Assert.Empty(failures);
    }

    [SkippableFact]
    public async Task EveryLimitOfEveryQueryParameterIsWhereTheApiRefuses()
    {
        using var client = await api.CreateClientAsync(ApiRole.Admin);
        var failures = new List<string>();
        var probed = 0;
        foreach (var operation in CommittedDocument.Operations)
        {
            var target = new BodyTarget(client, operation, DocumentedBodies.Url(operation));
            foreach (var parameter in operation.Parameters.Where(p => p["in"]!.GetValue<string>() == "query"))
            {
                var name = parameter["name"]!.GetValue<string>();
                foreach (var probe in Probes(name, parameter["schema"]!.AsObject(), []).Where(p => p.MustRefuse || !Opaque.Contains(name)))
                {
                    probed++;
                    var value = probe.Value.GetValueKind() == System.Text.Json.JsonValueKind.String ? probe.Value.GetValue<string>() : probe.Value.ToJsonString();
                    var (status, errors) = await target.SendAsync(Body(operation), $"?{name}={Uri.EscapeDataString(value)}");
                    if (Refused(status, errors, name, probe.MustRefuse) != probe.MustRefuse)
                    {
                        failures.Add($"{operation} ?{name}: {probe.What} is {(probe.MustRefuse ? "accepted" : "refused")} ({(int)status})");
                    }
                }
            }
        }

        Assert.True(probed > 100, $"only {probed} probes");
        Assert.Empty(failures);
    }

    /// <summary>A field of a request schema, with every object of the examples that has (or could have) it.</summary>
    private sealed record Field(string Name, JsonObject Schema, List<(BodyTarget Target, JsonObject Root, JsonObject Node, string Path)> Occurrences, List<JsonNode> Items);

    /// <summary>A value to send in a field, and whether the API must refuse it naming the field.</summary>
    private sealed record Probe(string What, JsonNode Value, bool MustRefuse);

    /// <summary>
    /// Whether the answer refuses the field: a 400 naming it (or its first item). A body over the size limit (413) is
    /// refused as well, before validation: a paragraph's limit is the article body's, so at it the body is too large too.
    /// </summary>
    private static bool Refused(HttpStatusCode status, HashSet<string> errors, string field, bool past) =>
        (past && status == HttpStatusCode.RequestEntityTooLarge) ||
        (status == HttpStatusCode.BadRequest && (errors.Contains(field) || errors.Contains(field + "[0]")));

    /// <summary>Each field of <paramref name="schema"/> at <paramref name="node"/> (part of <paramref name="root"/>), and of the objects in it.</summary>
    private static void Collect(BodyTarget target, JsonObject root, JsonObject node, JsonObject schema, string name, string path, Dictionary<string, Field> fields)
    {
        foreach (var (fieldName, fieldSchema) in schema["properties"]!.AsObject())
        {
            var key = $"{name}.{fieldName}";
            var resolved = CommittedDocument.Resolve(fieldSchema!.AsObject());
            if (!fields.TryGetValue(key, out var field))
            {
                fields[key] = field = new Field(fieldName, fieldSchema.AsObject(), [], []);
            }

            field.Occurrences.Add((target, root, node, path));
            if (node[fieldName] is JsonObject child)
            {
                Collect(target, root, child, resolved, CommittedDocument.NameOf(resolved, key), $"{path}{fieldName}.", fields);
            }
            else if (node[fieldName] is JsonArray items && resolved["items"] is JsonObject itemSchema)
            {
                field.Items.AddRange(items.OfType<JsonNode>());
                var item = CommittedDocument.Resolve(itemSchema);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject element)
                    {
                        Collect(target, root, element, item, CommittedDocument.NameOf(item, $"{key}[]"), $"{path}{fieldName}[{i}].", fields);
                    }
                }
            }
        }
    }

    /// <summary>The values that try the limits <paramref name="schema"/> states (or that it states none).</summary>
    private static IEnumerable<Probe> Probes(string name, JsonObject schema, List<JsonNode> samples)
    {
        var types = Types(schema);
        if (types.Contains("array"))
        {
            var items = schema["items"]!.AsObject();
            if (Number(schema, "minItems") is { } min)
            {
                yield return new($"a list of {min - 1} items (minItems {min})", List(min - 1, items, samples), true);
                yield return new($"a list of {min} items (minItems {min})", List(min, items, samples), false);
            }

            var max = Number(schema, "maxItems");
            yield return max is { } most
                ? new($"a list of {most + 1} items (maxItems {most})", List(most + 1, items, samples), true)
                : new("a list of 1,000 items (no maxItems)", List(1000, items, samples), false);
            if (max is { } top)
            {
                yield return new($"a list of {top} items (maxItems {top})", List(top, items, samples), false);
            }

            if (Types(items).Contains("string"))
            {
                foreach (var probe in Probes(name, items, []))
                {
                    yield return probe with { What = "an item " + probe.What, Value = new JsonArray(probe.Value) };
                }
            }
        }
        else if (types.Contains("string") && schema["enum"] is null && schema["format"] is null)
        {
            if (Number(schema, "minLength") is { } min)
            {
                yield return new($"{min - 1} characters (minLength {min})", Text(name, schema, min - 1), true);
                yield return new($"{min} characters (minLength {min})", Text(name, schema, min), false);
            }

            if (Number(schema, "maxLength") is { } max)
            {
                yield return new($"{max + 1} characters (maxLength {max})", Text(name, schema, max + 1), true);
                yield return new($"{max} characters (maxLength {max})", Text(name, schema, max), false);
            }
            else
            {
                yield return new($"unbounded: {Unbounded} characters (no maxLength)", Text(name, schema, Unbounded), false);
            }

            if (schema["pattern"]?.GetValue<string>() is { } pattern)
            {
                var broken = Breakers.First(v => !Regex.IsMatch(v, pattern));
                yield return new($"'{broken}' (pattern {pattern})", JsonValue.Create(broken), true);
            }
        }
        else if (types.Contains("integer"))
        {
            if (Number(schema, "minimum") is { } min)
            {
                yield return new($"{min - 1} (minimum {min})", JsonValue.Create(min - 1), true);
                yield return new($"{min} (minimum {min})", JsonValue.Create(min), false);
            }
            else
            {
                yield return new($"unbounded: {int.MinValue} (no minimum)", JsonValue.Create(int.MinValue), false);
            }

            if (Number(schema, "maximum") is { } max)
            {
                yield return new($"{max + 1} (maximum {max})", JsonValue.Create(max + 1), true);
                yield return new($"{max} (maximum {max})", JsonValue.Create(max), false);
            }
            else
            {
                yield return new($"unbounded: {int.MaxValue} (no maximum)", JsonValue.Create(int.MaxValue), false);
            }
        }
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static int? Number(JsonObject schema, string keyword) => schema[keyword]?.GetValue<int>();

    /// <summary>A string of <paramref name="length"/> characters that breaks no rule but its length: the pattern's, a URL for a URL.</summary>
    private static JsonValue Text(string name, JsonObject schema, int length)
    {
        string text;
        if (schema["pattern"]?.GetValue<string>() is { } pattern)
        {
            Assert.True(Fillers.TryGetValue(pattern, out var filler), $"{name}: no filler for the pattern {pattern}; add one to FieldLimitsTests.Fillers");
            text = filler(length);
            Assert.True(length == 0 || length > Number(schema, "maxLength") || Regex.IsMatch(text, pattern), $"{name}: the filler makes '{text}', which does not match {pattern}");
        }
        else
        {
            const string url = "https://example.org/";
            text = name.EndsWith("url", StringComparison.OrdinalIgnoreCase) && length > url.Length ? url + new string('x', length - url.Length) : new string('x', length);
        }

        return JsonValue.Create(text);
    }

    /// <summary>
    /// <paramref name="count"/> items, all different (a list may refuse repeats): strings x0, x1 … (ids too); objects,
    /// copies of an example's item with an id of theirs made different.
    /// </summary>
    private static JsonArray List(int count, JsonObject itemSchema, List<JsonNode> samples)
    {
        var resolved = CommittedDocument.Resolve(itemSchema);
        if (Types(resolved).Contains("string"))
        {
            return new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)JsonValue.Create($"x{i}"))]);
        }

        var sample = samples.FirstOrDefault() ?? throw new InvalidOperationException("no example has an item of this list; add one to RequestExamples");
        var idField = resolved["properties"]!.AsObject()
            .FirstOrDefault(p => p.Value!["pattern"]?.GetValue<string>() == Ids.Pattern && sample[p.Key] is JsonValue).Key;
        return new JsonArray([.. Enumerable.Range(0, count).Select(i =>
        {
            var item = sample.DeepClone();
            if (idField is not null)
            {
                item[idField] = $"{item[idField]!.GetValue<string>()}-{i}";
            }

            return item;
        })]);
    }

    /// <summary>The body an operation needs for its query parameters to be read: the article in the seed format for an article write.</summary>
    private static StringContent? Body(DocumentedOperation operation)
    {
        var content = operation.Operation["requestBody"]?["content"];
        if (content?["text/plain"] is not null && operation.BodySchema?["examples"]?[0]?["text"]?.GetValue<string>() is { } text)
        {
            return new StringContent(text, Encoding.UTF8, "text/plain");
        }

        return operation.BodySchema?["examples"]?[0] is { } example ? new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json") : null;
    }

    /// <summary>A language tag of <paramref name="length"/> characters: a primary subtag of 2 or 3 letters, then subtags of up to 8.</summary>
    private static string LanguageTag(int length)
    {
        if (length < 2)
        {
            return new string('x', length);
        }

        var first = (length - 2) % 9 == 1 ? 3 : 2;
        var tag = new StringBuilder(new string('x', first));
        for (var rest = length - first; rest > 0;)
        {
            var part = Math.Min(9, rest);
            tag.Append('-').Append('x', part - 1);
            rest -= part;
        }

        return tag.ToString();
    }
}
