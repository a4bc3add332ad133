using System.CommandLine;
using ClaimsApi.Extraction;
using ClaimsApi.Extraction.Evaluation;
using ClaimsApi.Persistence;
using Microsoft.Extensions.Options;

namespace ClaimsApi.Cli;

/// <summary>
/// <c>extract-eval</c>: measures the attribution extractor (docs/extraction.md) against gold attributions: the GUM
/// Wikinews articles' development or held-out part, or the seeds' curation. A command of the app, not a separate tool,
/// because it measures the very code the API runs, with the seeds the app is configured with, and because whoever
/// deploys it can point <c>--data</c> at another corpus in the same layout. It reads files and touches no database.
/// </summary>
internal static class ExtractEvalCommand
{
    public const string Name = "extract-eval";

    /// <summary>Where the GUM fixtures are in a checkout, from the project folder (the content root of <c>dotnet run</c>).</summary>
    private const string DefaultData = "../../tests/ClaimsApi.Tests/Fixtures/gum";

    public static Command Create(CliHost host)
    {
        var part = new Option<string>("--part")
        {
            HelpName = "PART",
            Description = "Which gold to score against: dev (the development articles), heldout (the held-out articles: "
                + "evaluate, never tune), seed (the seeds' statements), all (every GUM article). Default: dev.",
            DefaultValueFactory = _ => "dev",
        };
        part.AcceptOnlyFromAmong(ExtractionEvaluation.Parts);
        var data = new Option<string>("--data")
        {
            HelpName = "FOLDER",
            Description = $"The folder with the articles, attributions.tsv and split.tsv (default: {DefaultData}, from the project folder).",
        };
        var errors = new Option<bool>("--errors")
        {
            Description = "Also list, on standard error, every predicted span that overlaps no gold span (+) and every gold span no prediction overlaps (-).",
        };
        var command = new Command(Name, $"Score the attribution extractor ({AttributionExtractor.Version}): precision, recall and F1 of "
            + "source, cue and content spans, exact and overlap, on a part of the gold attributions; prints a table and exits.")
        {
            part,
            data,
            errors,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var environment = host.Services.GetRequiredService<IHostEnvironment>();
            var which = result.GetValue(part)!;
            var errorLog = result.GetValue(errors) ? host.Error : null;
            var folder = Path.GetFullPath(result.GetValue(data) ?? DefaultData, environment.ContentRootPath);
            try
            {
                var scores = which == "seed"
                    ? ExtractionEvaluation.Seed(Path.GetFullPath(host.Services.GetRequiredService<IOptions<SeedOptions>>().Value.Path, environment.ContentRootPath), errorLog)
                    : ExtractionEvaluation.Gum(folder, which, errorLog);
                await host.Output.WriteAsync(ExtractionEvaluation.Format(scores).AsMemory(), ct);
                return ClaimsCli.Done;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Seeding.SeedException)
            {
                await host.Error.WriteLineAsync($"Cannot evaluate on '{which}': {e.Message} (give the folder with --data; for seed, Seeds:Path).");
                return ClaimsCli.Refused;
            }
        });
        return command;
    }
}
