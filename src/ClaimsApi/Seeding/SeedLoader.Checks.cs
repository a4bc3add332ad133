using System.Diagnostics.CodeAnalysis;
using ClaimsApi.Domain;

namespace ClaimsApi.Seeding;

public static partial class SeedLoader
{
    // The field checks every section shares: ids, entity references, required and bounded strings, enum names.
    private sealed partial class Loader
    {
        private bool ValidId(Source source, string path, [NotNullWhen(true)] string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                Problem(source, $"{path}.id", "the id is required");
                return false;
            }

            if (!Ids.IsValid(id))
            {
                Problem(source, $"{path}.id", $"'{id}' is not a valid id (lower-case letters, digits and '-', at most {Ids.MaxLength} characters, not starting with '-')");
                return false;
            }

            if (!Ids.IsAvailable(id))
            {
                Problem(source, $"{path}.id", $"'{id}' cannot be an id: GET /v1/{{collection}}/{id} is the collection's export");
                return false;
            }

            return true;
        }

        private bool RequireEntity(Source source, string path, string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                Problem(source, path, "an entity id is required");
                return false;
            }

            if (!_entities.ContainsKey(id))
            {
                Problem(source, path, $"unknown entity '{id}'");
                return false;
            }

            return true;
        }

        private string? Required(Source source, string path, string? value, int maxLength = int.MaxValue)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(source, path, "a value is required");
                return null;
            }

            return Optional(source, path, value, maxLength);
        }

        private string? Optional(Source source, string path, string? value, int maxLength)
        {
            if (value is not null && value.Length > maxLength)
            {
                Problem(source, path, $"the value is {value.Length} characters long; at most {maxLength} are stored");
                return null;
            }

            return value;
        }

        private bool ParseKind<TEnum>(Source source, string path, string? value, out TEnum kind) where TEnum : struct, Enum
        {
            if (EnumNames.TryParse(value, out kind))
            {
                return true;
            }

            var noun = path[(path.LastIndexOf('.') + 1)..];
            Problem(source, path, value is null
                ? $"a {noun} is required: one of {string.Join(", ", EnumNames.All<TEnum>())}"
                : $"unknown {noun} '{value}': expected one of {string.Join(", ", EnumNames.All<TEnum>())}");
            return false;
        }
    }
}
