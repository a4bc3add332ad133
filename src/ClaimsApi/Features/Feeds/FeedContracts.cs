using System.Globalization;
using System.Text.RegularExpressions;
using ClaimsApi.Features.Claims;
using ClaimsApi.Http;
using FluentValidation;

namespace ClaimsApi.Features.Feeds;

/// <summary>
/// The Atom feed's query: the claim filter of the claim list (the same parameters, rules and meaning, applied to the
/// claims as they are now, and to reviews through their claim) and its paging, <c>limit</c> and a <c>cursor</c> that
/// holds the change-log position of the last entry seen.
/// </summary>
public sealed record ClaimFeedQuery : ClaimFilter
{
    /// <summary>The sort a feed cursor is issued for: newest change first.</summary>
    internal const string Sort = "-position";

    /// <summary>The position below which the page starts (null: the newest change).</summary>
    internal long? Before => Paging.TryDecode(Cursor, Sort, out var cursor, IsPosition) && cursor is not null
        ? long.Parse(cursor.Key!, NumberStyles.None, CultureInfo.InvariantCulture)
        : null;

    /// <summary>A change-log position as a cursor holds it: a whole number from 1 that fits in 64 bits.</summary>
    internal static bool IsPosition(string? key) =>
        key is [>= '1' and <= '9', ..] && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}

internal sealed class ClaimFeedQueryValidator : AbstractValidator<ClaimFeedQuery>
{
    public ClaimFeedQueryValidator()
    {
        Include(new ClaimFilterValidator());
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Cursor).MustBeCursor(_ => ClaimFeedQuery.Sort, _ => ClaimFeedQuery.IsPosition);
    }
}

/// <summary>How the feeds name themselves and their entries (<c>Feeds</c> in configuration).</summary>
public sealed partial class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>
    /// The authority of entry and feed ids, tag URIs (RFC 4151): a domain name or e-mail address the publisher held
    /// on a date, and that date (<c>claims.example.org,2026</c>). Unset: the host name the feed is read under, dated
    /// 2026; set it when the API answers under more than one name or may move, so that ids never change.
    /// </summary>
    public string? TagAuthority { get; set; }

    /// <summary>The feed's author: who publishes the knowledge base.</summary>
    public string Author { get; set; } = "ClaimsApi";

    /// <summary>Whether <paramref name="value"/> is a tag URI's authority and date: <c>DNSname|email "," YYYY[-MM[-DD]]</c>.</summary>
    internal static bool IsTagAuthority(string value) => TagAuthorityPattern().IsMatch(value);

    /// <summary>Whether <paramref name="host"/> is a DNS name as a tag URI's authority may be one.</summary>
    internal static bool IsDnsName(string host) => DnsNamePattern().IsMatch(host);

    private const string DnsName = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*";

    [GeneratedRegex("^(?:" + DnsName + "|[A-Za-z0-9._%+-]+@" + DnsName + "),[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TagAuthorityPattern();

    [GeneratedRegex("^" + DnsName + "$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsNamePattern();
}
