using System.ComponentModel;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Features.Import;

/// <summary>How an import runs: the workflow stage of the records it creates, and how many lines commit together.</summary>
public sealed record ImportQuery
{
    internal static readonly string[] Workflows = ["draft", "published"];

    [FromQuery(Name = "workflow"), Description("The stage of the claims and statements the import creates: draft (the default: only curators see them) or published (a claim's evidence statements must be published too, or created published by the import). Records that exist keep their stage.")]
    [ParameterSchema(Values = ["draft", "published"], Default = "draft")]
    public string? Workflow { get; init; }

    [FromQuery(Name = "batch"), Description("How many lines are written together, all or nothing: a batch with a rejected line writes none of its lines (default 1000).")]
    [ParameterSchema(Type = "integer", Default = "1000")]
    public string? Batch { get; init; }

    [FromQuery(Name = "propose"), Description("true to store with each article the import creates the attributions the extractor proposes for it (as POST /v1/articles?propose=true does): draft statements and claims and the new entities they need, machine-proposed and unconfirmed, whatever 'workflow' says. Counted in the report's 'proposed'.")]
    [ParameterSchema(Values = ["true", "false"], Default = "false")]
    public string? Propose { get; init; }

    internal bool Published => Workflow == "published";

    internal int BatchSize => Batch is null ? ImportOptions.DefaultBatch : int.Parse(Batch, System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class ImportQueryValidator : AbstractValidator<ImportQuery>
{
    public ImportQueryValidator()
    {
        RuleFor(q => q.Workflow).Must(w => w is null || ImportQuery.Workflows.Contains(w, StringComparer.Ordinal))
            .WithMessage($"'workflow' must be one of: {string.Join(", ", ImportQuery.Workflows)}.");
        RuleFor(q => q.Batch).MustBeWholeNumber(1, ImportOptions.MaxBatch)
            .WithMessage($"'batch' must be a whole number from 1 to {ImportOptions.MaxBatch} (default {ImportOptions.DefaultBatch}).");
        RuleFor(q => q.Propose).MustBeTrueOrFalse("propose");
    }
}

/// <summary>How an import runs, however it was asked for (the HTTP query, the command's options).</summary>
/// <param name="Published">Create claims and statements published rather than as drafts.</param>
/// <param name="BatchSize">Lines per batch.</param>
/// <param name="Actor">Who the history names: the API key's name, or <c>import</c> for the command.</param>
/// <param name="Propose">Store the extractor's proposals with every article the import creates (drafts, machine-proposed).</param>
public sealed record ImportOptions(bool Published, int BatchSize, string Actor, bool Propose = false)
{
    public const int DefaultBatch = 1000;
    public const int MaxBatch = 10_000;

    /// <summary>The longest line: an article at the write API's limit, with room for its JSON escapes.</summary>
    public const int MaxLineBytes = 2 * 1024 * 1024;

    /// <summary>The most rejected lines a report lists (all are counted).</summary>
    public const int MaxListed = 1000;
}

/// <summary>What an import did, line by line summed up: what it created, updated and left unchanged, batch by batch.</summary>
/// <param name="Lines">The lines read (blank lines are not counted).</param>
/// <param name="BatchSize">The lines per batch.</param>
/// <param name="Workflow">The stage of the claims and statements it created: draft or published.</param>
/// <param name="Created">Records created, by type, in the batches that were committed.</param>
/// <param name="Updated">Records whose content changed (a new revision each, as a PUT makes), in the batches that were committed.</param>
/// <param name="Unchanged">Records that were already there with the same content: nothing written for them, no new revision.</param>
/// <param name="Proposed">Records the extractor proposed for the articles created (propose=true: draft statements and claims, new entities), in the batches that were committed.</param>
/// <param name="RejectedLines">How many lines were rejected; each one's batch wrote nothing.</param>
/// <param name="Batches">Each batch: its lines and whether it was committed.</param>
/// <param name="Rejected">The rejected lines (at most 1000 listed), each with the field and the reason.</param>
public sealed record ImportReport(
    int Lines,
    int BatchSize,
    string Workflow,
    ImportCounts Created,
    ImportCounts Updated,
    ImportCounts Unchanged,
    ImportCounts Proposed,
    int RejectedLines,
    IReadOnlyList<ImportBatch> Batches,
    IReadOnlyList<RejectedLine> Rejected);

/// <summary>Records by type.</summary>
/// <param name="Articles">Articles.</param>
/// <param name="Entities">Entities.</param>
/// <param name="Statements">Statements.</param>
/// <param name="Claims">Claims.</param>
/// <param name="Reviews">Reviews.</param>
public sealed record ImportCounts(int Articles, int Entities, int Statements, int Claims, int Reviews)
{
    /// <summary>All of them.</summary>
    public int Total => Articles + Entities + Statements + Claims + Reviews;
}

/// <summary>One batch of an import.</summary>
/// <param name="FirstLine">Its first line (1-based, in the file).</param>
/// <param name="LastLine">Its last line.</param>
/// <param name="Committed">Whether its lines were written (all of them), or none was (a line was rejected, or a write at the same time conflicted).</param>
/// <param name="Reason">Why it was not committed, when no line of its own says why (a concurrent write).</param>
public sealed record ImportBatch(int FirstLine, int LastLine, bool Committed, string? Reason);

/// <summary>A line the import could not take, and why; its batch wrote nothing.</summary>
/// <param name="Line">The line number in the file (1-based; blank lines count).</param>
/// <param name="Type">The line's record type, when it could be read.</param>
/// <param name="Id">The record's id, when it could be read.</param>
/// <param name="Field">The field at fault, as a write body names it ('evidence[0].exact'), or null when the line as a whole is.</param>
/// <param name="Reason">What is wrong, in the words the write API uses.</param>
public sealed record RejectedLine(int Line, string? Type, string? Id, string? Field, string Reason);
