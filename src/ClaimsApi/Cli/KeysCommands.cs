using System.CommandLine;
using System.Globalization;
using ClaimsApi.Auth;
using ClaimsApi.Domain;

namespace ClaimsApi.Cli;

/// <summary>
/// <c>keys create --name NAME --role reader|curator|admin</c>, <c>keys list</c>, <c>keys revoke --name NAME</c>:
/// key management from the command line (the way to make the first admin key). A created key is printed once,
/// to standard output, and never logged. Each runs the normal start-up database step first.
/// </summary>
internal static class KeysCommands
{
    public const string Name = "keys";

    public static Command Create(CliHost host)
    {
        var name = new Option<string>("--name") { Required = true, HelpName = "NAME", Description = "The key's name (letters, digits, '.', '_', '-')." };
        var role = new Option<string>("--role") { Required = true, HelpName = "reader|curator|admin", Description = "What the key may do." };
        var create = new Command("create", "Print a new key (shown once; only its hash is stored).") { name, role };
        create.SetAction((result, ct) => CreateAsync(host, result.GetRequiredValue(name), result.GetRequiredValue(role), ct));

        var list = new Command("list", "List keys (name, role, first characters, created, revoked).");
        list.SetAction((_, ct) => ListAsync(host, ct));

        var revokeName = new Option<string>("--name") { Required = true, HelpName = "NAME", Description = "The key to revoke." };
        var revoke = new Command("revoke", "Revoke a key at once.") { revokeName };
        revoke.SetAction((result, ct) => RevokeAsync(host, result.GetRequiredValue(revokeName), ct));

        return new Command(Name, "Manage API keys, then exit.") { create, list, revoke };
    }

    private static async Task<int> CreateAsync(CliHost host, string name, string roleName, CancellationToken ct)
    {
        if (!EnumNames.TryParse<ApiRole>(roleName, out var role))
        {
            await host.Error.WriteLineAsync($"'{roleName}' is not a role: use reader, curator or admin.");
            return ClaimsCli.BadArguments;
        }

        await using var scope = await StoreAsync(host, ct);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync(name, role, ct);
        if (created.Value is not { } key)
        {
            await host.Error.WriteLineAsync(created.Error);
            return ClaimsCli.Refused;
        }

        await host.Output.WriteLineAsync(key.Key);
        await host.Error.WriteLineAsync($"Created {EnumNames.Of(role)} key '{name}'. It is shown only this once: store it now.");
        return ClaimsCli.Done;
    }

    private static async Task<int> ListAsync(CliHost host, CancellationToken ct)
    {
        await using var scope = await StoreAsync(host, ct);
        foreach (var info in await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().ListAsync(ct))
        {
            await host.Output.WriteLineAsync(string.Join('\t',
                info.Name, EnumNames.Of(info.Role), info.Prefix + "…", info.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                info.RevokedAt is { } revoked ? "revoked " + revoked.ToString("u", CultureInfo.InvariantCulture) : "valid"));
        }

        return ClaimsCli.Done;
    }

    private static async Task<int> RevokeAsync(CliHost host, string name, CancellationToken ct)
    {
        await using var scope = await StoreAsync(host, ct);
        if (await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().RevokeAsync(name, ct) is null)
        {
            await host.Error.WriteLineAsync($"There is no key named '{name}'.");
            return ClaimsCli.Refused;
        }

        await host.Error.WriteLineAsync($"Revoked key '{name}'.");
        return ClaimsCli.Done;
    }

    /// <summary>The database as start-up leaves it (migrated and seeded where the switches say so), and a scope to use it in.</summary>
    private static async Task<AsyncServiceScope> StoreAsync(CliHost host, CancellationToken ct)
    {
        await host.InitializeDatabaseAsync(false, ct);
        return host.Services.CreateAsyncScope();
    }
}
