using System.Globalization;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>
/// entity_claims (decision 0030) as the claims say it should be, worked out here from claims and claim_mentions
/// rather than by the SQL that fills it: every live claim once under its claimant and under each entity it
/// mentions (scope 0), and once more under each entity it mentions (scope 1), with the claim's date.
/// </summary>
internal static class EntityClaimsCheck
{
    public static async Task AssertInStepAsync(TestDatabase database)
    {
        var (expected, actual) = await ReadAsync(database);
        Assert.Equal(expected, actual);
    }

    /// <summary>The rows of one claim: "entity scope date", sorted.</summary>
    public static async Task<List<string>> RowsOfAsync(TestDatabase database, string claimId)
    {
        var (_, actual) = await ReadAsync(database);
        return [.. actual.Where(r => r.EndsWith(" " + claimId, StringComparison.Ordinal)).Select(r => r[..r.LastIndexOf(' ')])];
    }

    private static async Task<(List<string> Expected, List<string> Actual)> ReadAsync(TestDatabase database)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        var claims = await QueryAsync(connection, "SELECT id, claimant_id, claimed_on FROM claims WHERE deleted_at IS NULL");
        var mentions = (await QueryAsync(connection, "SELECT claim_id, entity_id FROM claim_mentions")).ToLookup(m => m[0], m => m[1], StringComparer.Ordinal);
        var expected = new List<string>();
        foreach (var claim in claims)
        {
            var (id, claimant, on) = (claim[0], claim[1], claim[2]);
            foreach (var entity in mentions[id].Append(claimant).Distinct(StringComparer.Ordinal))
            {
                expected.Add($"{entity} 0 {on} {id}");
            }

            expected.AddRange(mentions[id].Select(entity => $"{entity} 1 {on} {id}"));
        }

        var actual = (await QueryAsync(connection, "SELECT entity_id, scope, claimed_on, claim_id FROM entity_claims")).Select(r => string.Join(' ', r)).ToList();
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        return (expected, actual);
    }

    private static async Task<List<string[]>> QueryAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
            {
                DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var value => value.ToString()!,
            })]);
        }

        return rows;
    }
}
