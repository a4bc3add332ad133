using System.Globalization;
using ClaimsApi.Domain;

namespace ClaimsApi.Auth;

/// <summary>
/// <c>keys create --name NAME --role reader|curator|admin</c>, <c>keys list</c>, <c>keys revoke --name NAME</c>:
/// key management from the command line (the way to make the first admin key). A created key is printed once,
/// to standard output, and never logged.
/// </summary>
internal static class KeysCommand
{
    public const string Usage = """
        Usage:
          keys create --name NAME --role reader|curator|admin   print a new key (shown once; only its hash is stored)
          keys list                                             list keys (name, role, first characters, created, revoked)
          keys revoke --name NAME                               revoke a key at once
        """;

    /// <returns>The process exit code: 0 done, 1 refused, 2 bad arguments.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var options = Options(args.Skip(1).ToList());
        switch (args.Count > 0 ? args[0] : null)
        {
            case "create" when options is not null && options.TryGetValue("name", out var name) && options.TryGetValue("role", out var roleName):
                if (!EnumNames.TryParse<ApiRole>(roleName, out var role))
                {
                    await error.WriteLineAsync($"'{roleName}' is not a role: use reader, curator or admin.");
                    return 2;
                }

                var created = await store.CreateAsync(name, role, ct);
                if (created.Value is not { } key)
                {
                    await error.WriteLineAsync(created.Error);
                    return 1;
                }

                await output.WriteLineAsync(key.Key);
                await error.WriteLineAsync($"Created {EnumNames.Of(role)} key '{name}'. It is shown only this once: store it now.");
                return 0;

            case "list" when options is { Count: 0 }:
                foreach (var info in await store.ListAsync(ct))
                {
                    await output.WriteLineAsync(string.Join('\t',
                        info.Name, EnumNames.Of(info.Role), info.Prefix + "…", info.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                        info.RevokedAt is { } revoked ? "revoked " + revoked.ToString("u", CultureInfo.InvariantCulture) : "valid"));
                }

                return 0;

            case "revoke" when options is not null && options.TryGetValue("name", out var revokeName) && options.Count == 1:
                if (await store.RevokeAsync(revokeName, ct) is null)
                {
                    await error.WriteLineAsync($"There is no key named '{revokeName}'.");
                    return 1;
                }

                await error.WriteLineAsync($"Revoked key '{revokeName}'.");
                return 0;

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>--name value pairs, or null when the arguments are not all such pairs.</summary>
    private static Dictionary<string, string>? Options(List<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return null;
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }
}
