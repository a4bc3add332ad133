using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Auth;

/// <summary>A key as it may be shown: never the key itself, only its name, role and first characters.</summary>
/// <param name="Name">The key's name; recorded as the author of every change made with it.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Prefix">The first characters of the key, to tell keys apart.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, or null while it is valid.</param>
public sealed record ApiKeyInfo(string Name, ApiRole Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A newly created key: <see cref="Key"/> is shown this once and stored only as a hash.</summary>
/// <param name="Key">The secret key: send it as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>.</param>
/// <param name="Info">What is stored about it.</param>
public sealed record CreatedApiKey(string Key, ApiKeyInfo Info);

/// <summary>The outcome of a key operation that can fail for a reason the caller must see.</summary>
public sealed record ApiKeyResult<T>(T? Value, string? Error);

/// <summary>
/// Creates, lists, revokes and checks API keys. Keys are 43 random base62 characters after the <c>ck_</c>
/// prefix (about 256 bits), so a plain SHA-256 of the key is a safe stored form: there is nothing to brute-force,
/// unlike a password, and a lookup is one indexed query.
/// </summary>
public sealed partial class ApiKeyStore(ClaimsDbContext db, TimeProvider time)
{
    public const string KeyPrefix = "ck_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int SecretLength = 43;
    private const int ShownLength = 11;

    private const string NameForm = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /// <summary>The form of a key name as a JSON Schema (ECMA-262) pattern, for the OpenAPI document.</summary>
    public const string NamePattern = "^" + NameForm + "$";

    public static bool IsValidName(string? name) => name is not null && NameRegex().IsMatch(name);

    public async Task<ApiKeyResult<CreatedApiKey>> CreateAsync(string name, ApiRole role, CancellationToken ct)
    {
        if (!IsValidName(name))
        {
            return new(null, $"'{name}' is not a valid key name: 1 to {Persistence.Configurations.ApiKeyLimits.Name} letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        if (await db.ApiKeys.AnyAsync(k => k.Name == name, ct))
        {
            return new(null, $"A key named '{name}' exists (or existed: names of revoked keys are not reused, so history stays unambiguous).");
        }

        var key = KeyPrefix + RandomNumberGenerator.GetString(Alphabet, SecretLength);
        var stored = new ApiKey { Name = name, Role = role, Prefix = key[..ShownLength], Hash = Hash(key), CreatedAt = time.GetUtcNow() };
        db.ApiKeys.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new(null, $"A key named '{name}' exists.");
        }

        return new(new CreatedApiKey(key, Describe(stored)), null);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct) =>
        [.. (await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct)).Select(Describe)];

    /// <summary>Revokes the key named <paramref name="name"/>; null if there is none, its (possibly earlier) revocation otherwise.</summary>
    public async Task<ApiKeyInfo?> RevokeAsync(string name, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == name, ct);
        if (key is null)
        {
            return null;
        }

        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Describe(key);
    }

    /// <summary>The valid (not revoked) key with this secret, or null.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string key, CancellationToken ct)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length != KeyPrefix.Length + SecretLength)
        {
            return null;
        }

        var hash = Hash(key);
        var found = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        return found is null ? null : Describe(found);
    }

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyInfo Describe(ApiKey key) => new(key.Name, key.Role, key.Prefix, key.CreatedAt, key.RevokedAt);

    [GeneratedRegex("^" + NameForm + @"\z", RegexOptions.CultureInvariant)] // \z: $ would let a final newline through
    private static partial Regex NameRegex();
}
