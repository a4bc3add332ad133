namespace ClaimsApi.Domain;

/// <summary>
/// Column lengths, shared by the EF configurations and the seed loader so that a seed that loads on SQLite
/// (which does not enforce lengths) never fails on PostgreSQL (which does).
/// </summary>
public static class Limits
{
    public const int Name = 300;
    public const int Cue = 300;
    public const int ClaimText = 2000;
    public const int ClaimPart = 500;
    public const int QualifierName = 80;
    public const int QualifierValue = 500;
    public const int Url = 2000;
    public const int Reason = 1000;
}
