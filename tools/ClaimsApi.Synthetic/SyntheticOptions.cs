using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ClaimsApi.Synthetic;

/// <summary>What the <c>generate</c> command was asked for.</summary>
internal sealed record SyntheticOptions(int Claims, int Seed)
{
    public const int MaxClaims = 5_000_000;
    public const int DefaultSeed = 42;

    public const string Usage = """
        Usage: ClaimsApi.Synthetic generate --claims N [--seed S]

          --claims N   how many claims to generate, 1 to 5000000
          --seed S     seed of the pseudo-random stream (default 42): the same N and S give the same rows

        Fills the configured database (Database:Provider, Database:ConnectionString) with a synthetic news base:
        about N/10 articles, 2N statements, N claims with evidence, mentions, qualifiers and links, and up to
        20000 entities with aliases; then rebuilds the search index and entity_claims. Migrations are applied first. Generated ids
        start with "syn-" and have no seed file, so the seeds import leaves them alone. A database that already
        holds synthetic rows is refused: generate into a new one.
        """;

    /// <summary>Parses the arguments after <c>generate</c>: <c>--claims N</c> (required) and <c>--seed S</c>, also as <c>--name=value</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SyntheticOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        int? claims = null;
        var seed = DefaultSeed;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (name is not ("--claims" or "--seed"))
            {
                error = $"Unknown argument '{arg}'.";
                return false;
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                error = $"{name} needs a value.";
                return false;
            }

            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                error = $"{name} must be a whole number, not '{value}'.";
                return false;
            }

            if (name == "--claims")
            {
                if (number is < 1 or > MaxClaims)
                {
                    error = $"--claims must be between 1 and {MaxClaims}, not {number}.";
                    return false;
                }

                claims = number;
            }
            else
            {
                seed = number;
            }
        }

        if (claims is null)
        {
            error = "--claims is required.";
            return false;
        }

        options = new SyntheticOptions(claims.Value, seed);
        error = null;
        return true;
    }
}
