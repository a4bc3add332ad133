using System.Globalization;

namespace ClaimsApi.Tests.Fuzz;

/// <summary>
/// The seed and the time budget of a fuzz pass. The defaults keep a pass within the suite's budget (about 30 s of
/// requests per provider); a longer run, or another seed, is chosen with the environment variables.
/// </summary>
internal sealed record FuzzSettings(int Seed, TimeSpan Budget)
{
    public const string SeedVariable = "CLAIMSAPI_FUZZ_SEED";
    public const string SecondsVariable = "CLAIMSAPI_FUZZ_SECONDS";

    public const int DefaultSeed = 10;
    public const int DefaultSeconds = 30;

    public static FuzzSettings FromEnvironment() => new(
        Read(SeedVariable, DefaultSeed),
        TimeSpan.FromSeconds(Read(SecondsVariable, DefaultSeconds)));

    /// <summary>How to run this pass again.</summary>
    public string Replay => $"{SeedVariable}={Seed} {SecondsVariable}={Budget.TotalSeconds:0} dotnet test --filter FullyQualifiedName~FuzzTests";

    private static int Read(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;
}
