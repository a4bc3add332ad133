using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// The <c>required</c> lists of the document's request bodies are exactly what the API cannot do without
/// (decision 0025): every example body of every request schema is accepted, and, taking its fields out one at a
/// time (nested ones too), the API refuses the body naming the field (a 400 with the field's JSON path in
/// <c>errors</c>) exactly for the fields the document lists as required, in every example that has the field.
/// The bodies go through the real endpoints, so binding, the validation filter and the article reader are in it.
/// </summary>
public abstract class RequiredFieldsTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheRequiredFieldsOfEveryRequestBodyAreThoseTheApiRefusesToGoWithout()
    {
        using var client = await api.CreateClientAsync(ApiRole.Admin);
        var seen = new Dictionary<string, (JsonObject Schema, Dictionary<string, bool> Refused)>(StringComparer.Ordinal);
        var failures = new List<string>();

        foreach (var (name, schema, operation) in DocumentedBodies.Schemas())
        {
            var target = new BodyTarget(client, operation, DocumentedBodies.Url(operation));
            var examples = schema["examples"]?.AsArray() ?? [];
            if (examples.Count == 0)
            {
                failures.Add($"{name}: no example bodies to derive the required fields from");
            }

            foreach (var example in examples.Select(e => e!.AsObject()))
            {
                if ((await target.SendAsync(example)).Status == HttpStatusCode.BadRequest)
                {
                    failures.Add($"{name}: {operation} refuses the example {example.ToJsonString()} with 400");
                    continue;
                }

                await VisitAsync(target, example, example, schema, name, "", seen);
            }
        }

        foreach (var (name, (schema, refused)) in seen)
        {
            var documented = (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            var behaves = refused.Where(f => f.Value).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
            if (!documented.SequenceEqual(behaves, StringComparer.Ordinal))
            {
                failures.Add($"{name}: the document requires [{string.Join(", ", documented)}]; the API refuses to go without [{string.Join(", ", behaves)}]");
            }
        }

        // Closed schemas are request bodies or parts of them: each must have been checked.
        var closed = CommittedDocument.Document["components"]!["schemas"]!.AsObject()
            .Where(s => s.Value!["additionalProperties"]?.GetValueKind() == JsonValueKind.False).Select(s => s.Key);
        failures.AddRange(closed.Except(seen.Keys, StringComparer.Ordinal).Select(s => $"{s}: no example body reaches it"));
        Assert.Contains("ClaimWrite", seen.Keys);
        Assert.Contains("EvidenceWrite", seen.Keys);
        Assert.Contains("ArticleWrite", seen.Keys);
        Assert.Empty(failures);
    }

    /// <summary>Takes each field of <paramref name="node"/> (part of <paramref name="root"/>) out in turn, sends the rest, and goes into nested objects.</summary>
    private static async Task VisitAsync(
        BodyTarget target, JsonObject root, JsonObject node, JsonObject schema, string name, string path,
        Dictionary<string, (JsonObject Schema, Dictionary<string, bool> Refused)> seen)
    {
        if (!seen.TryGetValue(name, out var entry))
        {
            seen[name] = entry = (schema, new Dictionary<string, bool>(StringComparer.Ordinal));
        }

        foreach (var (field, fieldSchema) in schema["properties"]!.AsObject())
        {
            if (node[field] is not { } value)
            {
                entry.Refused[field] = false; // a valid body without it
                continue;
            }

            node.Remove(field);
            var (status, errors) = await target.SendAsync(root);
            node[field] = value;
            entry.Refused[field] = entry.Refused.GetValueOrDefault(field, true) && status == HttpStatusCode.BadRequest && errors.Contains(path + field);

            var resolved = CommittedDocument.Resolve(fieldSchema!.AsObject());
            if (value is JsonObject child)
            {
                await VisitAsync(target, root, child, resolved, CommittedDocument.NameOf(resolved, $"{name}.{field}"), $"{path}{field}.", seen);
            }
            else if (value is JsonArray items && resolved["items"] is JsonObject itemSchema)
            {
                var item = CommittedDocument.Resolve(itemSchema);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject element)
                    {
                        await VisitAsync(target, root, element, item, CommittedDocument.NameOf(item, $"{name}.{field}[]"), $"{path}{field}[{i}].", seen);
                    }
                }
            }
        }
    }
}

public sealed class RequiredFieldsTestsOnSqlite(SqliteApi api) : RequiredFieldsTests<SqliteApi>(api);

public sealed class RequiredFieldsTestsOnPostgres(PostgresApi api) : RequiredFieldsTests<PostgresApi>(api);
