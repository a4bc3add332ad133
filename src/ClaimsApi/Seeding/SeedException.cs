namespace ClaimsApi.Seeding;

/// <summary>One problem in the seeds folder: the file, the place in it and what is wrong.</summary>
public sealed record SeedProblem(string File, int Line, int Column, string Path, string Message)
{
    public override string ToString()
    {
        var place = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length == 0 ? $"{place}: {Message}" : $"{place} {Path}: {Message}";
    }
}

/// <summary>The seeds folder is not valid; nothing was written.</summary>
public sealed class SeedException(IReadOnlyList<SeedProblem> problems)
    : Exception($"The seeds are not valid; the database was not changed.{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<SeedProblem> Problems { get; } = problems;
}
