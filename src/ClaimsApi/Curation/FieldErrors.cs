using ClaimsApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimsApi.Curation;

/// <summary>Collects what does not fit the knowledge base, field by field, for one 422.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The 422 naming every field added, or null when none was.</summary>
    public ProblemHttpResult? ToProblem() =>
        Any ? Problems.Unprocessable(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal)) : null;
}
