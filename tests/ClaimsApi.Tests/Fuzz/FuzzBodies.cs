using System.Text;
using System.Text.Json.Nodes;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>Mutations of a valid request body: one field at a time, or the whole body; JSON or the article's plain text.</summary>
internal static class FuzzBodies
{
    /// <summary>Whole JSON bodies that are not the object an operation takes (raw text; tokens as in <see cref="FuzzText"/>).</summary>
    private static readonly (string Label, string Text)[] WholeBodies =
    [
        ("empty", ""),
        ("null", "null"),
        ("array", "[]"),
        ("string", "\"x\""),
        ("number", "0"),
        ("open-brace", "{"),
        ("half-field", "{\"id\":"),
        ("close-brace", "}"),
        ("single-quotes", "{'id':'x'}"),
        ("nan", "{\"limit\":NaN}"),
        ("xml", "<claim id=\"x\"/>"),
        ("form", "a=1&b=2"),
        ("nul", "\0"),
        ("invalid-utf8", FuzzText.InvalidUtf8),
        ("lone-surrogate-key", "{\"\\ud800\":1}"),
        ("deep-array-5000", new string('[', 5000) + new string(']', 5000)),
        ("deep-object-1000", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)),
        ("many-fields", "{" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $"\"f{i}\":{i}")) + "}"),
    ];

    private static readonly string[] BrokenBodies = ["truncated", "trailing-garbage", "comment", "trailing-comma", "bom", "duplicate-field"];

    private static readonly int[] Depths = [65, 500, 3000];

    /// <summary>Applies one mutation to <paramref name="body"/> (a JSON object) and returns the bytes to send.</summary>
    public static byte[] MutateJson(Random random, JsonObject body, JsonObject schema, int sizeLimit, List<string> mutations)
    {
        switch (random.Next(12))
        {
            case 0:
                var (label, text) = ValidBodies.Pick(random, WholeBodies);
                mutations.Add($"body={label}");
                return FuzzText.Plain(text);
            case 1:
                var valid = Encoding.UTF8.GetString(FuzzText.Json(body));
                var kind = random.Next(6);
                mutations.Add("body=" + BrokenBodies[kind]);
                return kind switch
                {
                    0 => Encoding.UTF8.GetBytes(valid[..random.Next(valid.Length)]),
                    1 => Encoding.UTF8.GetBytes(valid + " {}"),
                    2 => Encoding.UTF8.GetBytes("/* c */" + valid),
                    3 => Encoding.UTF8.GetBytes(valid[..^1] + ",}"),
                    4 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)],
                    _ => Encoding.UTF8.GetBytes(DuplicateFirstField(valid)),
                };
            case 2:
                mutations.Add("body=utf-16");
                return Encoding.Unicode.GetPreamble().Take(random.Next(2) * 2).Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(FuzzText.Json(body)))).ToArray();
            case 3:
                var values = Slots(body, schema).Where(s => s.Value is null or JsonValue).ToList();
                var slot = values[random.Next(values.Count)];
                mutations.Add($"body.{slot.Name}=over-the-limit");
                slot.Set(new string('a', sizeLimit + random.Next(1, 4096)));
                return FuzzText.Json(body);
            case 4:
                body["fuzzUnknownField"] = 1;
                mutations.Add("body.fuzzUnknownField");
                return FuzzText.Json(body);
            default:
                MutateField(random, body, schema, mutations);
                if (random.Next(4) == 0)
                {
                    MutateField(random, body, schema, mutations);
                }

                return FuzzText.Json(body);
        }
    }

    /// <summary>Applies one mutation to an article in the seed format and returns the bytes to send.</summary>
    public static byte[] MutateArticleText(Random random, string text, int sizeLimit, List<string> mutations)
    {
        switch (random.Next(10))
        {
            case 0:
                mutations.Add("text=crlf");
                return FuzzText.Plain(text.Replace("\n", "\r\n", StringComparison.Ordinal));
            case 1:
                mutations.Add("text=cr");
                return FuzzText.Plain(text.Replace("\n", "\r", StringComparison.Ordinal));
            case 2:
                mutations.Add("text=bom");
                return [0xEF, 0xBB, 0xBF, .. FuzzText.Plain(text)];
            case 3:
                var (label, replacement) = ValidBodies.Pick(random, new (string, string)[]
                {
                    ("empty", ""), ("blank", "  \n\n \t"), ("date-only", " date 2025-05-01"), ("no-date", "Lead\n\nTitle\n\nBody."),
                    ("bad-date", " date 2025-02-30 Lead\n\nTitle"), ("year-zero", " date 0000 Lead\n\nTitle"), ("long-year", " date 99999-01-01 Lead\n\nTitle"),
                    ("month", " date 2025-13 Lead\n\nTitle"), ("json", "{\"text\":\"x\"}"), ("nul", "\0"),
                });
                mutations.Add($"text={label}");
                return FuzzText.Plain(replacement);
            case 4:
                mutations.Add("text=over-the-limit");
                return FuzzText.Plain(text + "\n\n" + new string('a', sizeLimit));
            case 5:
                var count = random.Next(200, 1500);
                mutations.Add($"text=paragraphs-{count}");
                return FuzzText.Plain(text + string.Concat(Enumerable.Range(0, count).Select(i => $"\n\nParagraph {i}.")));
            case 6:
                mutations.Add("text=utf-16");
                return Encoding.Unicode.GetBytes(text);
            default:
                var (name, value) = ValidBodies.Pick(random, HostileValues.Strings);
                var at = random.Next(text.Length + 1);
                mutations.Add($"text+={name}@{at}");
                return FuzzText.Plain(text.Insert(at, value));
        }
    }

    /// <summary>Gives one field (at any depth, or a top-level field of the schema not sent) a hostile value, or removes it.</summary>
    private static void MutateField(Random random, JsonObject body, JsonObject schema, List<string> mutations)
    {
        var slots = Slots(body, schema).ToList();
        var slot = slots[random.Next(slots.Count)];
        switch (random.Next(9))
        {
            case 0 or 1:
                var (label, value) = ValidBodies.Pick(random, HostileValues.Strings);
                mutations.Add($"body.{slot.Name}={label}");
                slot.Set(value);
                break;
            case 2 or 3 when slot.Value is JsonValue current && current.TryGetValue<string>(out var text):
                var (change, apply) = ValidBodies.Pick(random, HostileValues.Transforms);
                mutations.Add($"body.{slot.Name}{change}");
                slot.Set(apply(text));
                break;
            case 2 or 3 or 4:
                var (type, json) = ValidBodies.Pick(random, HostileValues.WrongTypes);
                mutations.Add($"body.{slot.Name}=json:{type}");
                slot.Set(FuzzText.Raw(json));
                break;
            case 5:
                mutations.Add($"body.{slot.Name} removed");
                slot.Remove();
                break;
            case 6:
                var depth = ValidBodies.Pick(random, Depths);
                var array = random.Next(2) == 0;
                mutations.Add($"body.{slot.Name}=deep-{(array ? "array" : "object")}-{depth}");
                slot.Set(FuzzText.Raw(array ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));
                break;
            case 7:
                var item = slot.Value is JsonValue v ? v.ToJsonString() : "\"x\"";
                var items = Math.Min(random.Next(100, 3000), Math.Max(2, 200_000 / item.Length)); // a body of at most about 200 KB
                mutations.Add($"body.{slot.Name}=array-of-{items}");
                slot.Set(FuzzText.Raw("[" + string.Join(",", Enumerable.Repeat(item, items)) + "]"));
                break;
            default:
                mutations.Add($"body.{slot.Name}=huge-string");
                slot.Set(new string('z', random.Next(1000, 30_000)));
                break;
        }
    }

    /// <summary>Every place a value can go: each field and array item present, and each top-level field of the schema not sent.</summary>
    private static IEnumerable<Slot> Slots(JsonNode node, JsonObject? schema, string path = "")
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                var here = path.Length == 0 ? name : $"{path}.{name}";
                yield return new Slot(obj, here, value, name);
                if (value is not null and not JsonValue)
                {
                    foreach (var inner in Slots(value, null, here))
                    {
                        yield return inner;
                    }
                }
            }

            foreach (var (name, _) in schema?["properties"]?.AsObject() ?? [])
            {
                if (!obj.ContainsKey(name))
                {
                    yield return new Slot(obj, name, null, name);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var here = $"{path}[{i}]";
                yield return new Slot(array, here, array[i], Index: i);
                if (array[i] is { } item and not JsonValue)
                {
                    foreach (var inner in Slots(item, null, here))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static string DuplicateFirstField(string json)
    {
        var end = json.IndexOf(',', StringComparison.Ordinal);
        return end > 1 && json.StartsWith('{') ? "{" + json[1..end] + "," + json[1..] : json;
    }

    /// <summary>A place in the body: a field of an object or an item of an array.</summary>
    private sealed record Slot(JsonNode Parent, string Name, JsonNode? Value, string? Field = null, int Index = -1)
    {
        public void Set(string value)
        {
            if (Parent is JsonObject obj)
            {
                obj[Field!] = value;
            }
            else
            {
                ((JsonArray)Parent)[Index] = value;
            }
        }

        public void Remove()
        {
            if (Parent is JsonObject obj)
            {
                obj.Remove(Field!);
            }
            else
            {
                ((JsonArray)Parent).RemoveAt(Index);
            }
        }
    }
}
