using System.Text.Json.Nodes;

namespace ClaimsApi.Tests.Http;

/// <summary>What the committed document's schemas accept, where a validator reading them would disagree with the API.</summary>
public sealed class DocumentSchemaTests
{
    /// <summary>
    /// A nullable value is "oneOf: [null, X]": valid when exactly one branch matches, so X must refuse null. A schema
    /// with no type (<c>{}</c>, as a JsonElement once was) also matches null, and then every null the API sends
    /// breaks the document (Prism reported it on each history revision whose <c>before</c> is null).
    /// </summary>
    [Fact]
    public void EveryNullableValueIsNullInExactlyOneBranch()
    {
        var wrong = OneOfs(CommittedDocument.Document, "").SelectMany(found => found.Branches
                .Select(b => CommittedDocument.Resolve(b!.AsObject()))
                .Where(b => b["type"]?.ToString() != "null" && AcceptsNull(b))
                .Select(b => $"{found.Where}: a branch besides null accepts null ({b.ToJsonString()})"))
            .ToList();

        Assert.Empty(wrong);
        Assert.NotEmpty(OneOfs(CommittedDocument.Document, "")); // the document has nullable values, so the test looks at some
    }

    private static bool AcceptsNull(JsonObject schema) => schema["type"] switch
    {
        null => schema["enum"] is null && schema["const"] is null && schema["oneOf"] is null && schema["anyOf"] is null && schema["allOf"] is null,
        JsonArray types => types.Any(t => t?.ToString() == "null"),
        var type => type.ToString() == "null",
    };

    private static IEnumerable<(string Where, JsonArray Branches)> OneOfs(JsonNode? node, string where)
    {
        if (node is JsonObject fields)
        {
            if (fields["oneOf"] is JsonArray branches && branches.Any(b => b?["type"]?.ToString() == "null"))
            {
                yield return (where, branches);
            }

            foreach (var (name, value) in fields)
            {
                foreach (var found in OneOfs(value, $"{where}/{name}"))
                {
                    yield return found;
                }
            }
        }
        else if (node is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var found in OneOfs(items[i], $"{where}/{i}"))
                {
                    yield return found;
                }
            }
        }
    }
}
