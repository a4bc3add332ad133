using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClaimsApi.Domain;
using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Changes;

/// <summary>
/// The Atom feed of claims and reviews (GET /v1/feeds/claims.atom, decision 0036), read with a real XML parser: the
/// elements RFC 4287 requires on the feed and every entry, entries that stay the same from request to request, what
/// anonymous readers may see (a publication, a retraction, reviews; never a draft), the claim filter, paging back
/// through RFC 5005 'next' links, 400s naming the parameter, and 304 to the feed's own ETag.
/// </summary>
public abstract partial class AtomFeedTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ClaimsApiFactory
{
    private const string Feed = "/v1/feeds/claims.atom";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task TheFeedAndEachEntryCarryEveryElementRfc4287Requires()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claim = await PublishedClaimAsync(curator, await ClaimantAsync(curator));
        await ReviewAsync(curator, claim);
        using var anonymous = api.CreateClient();

        var (response, feed) = await ReadAsync(anonymous, $"{Feed}?limit=100");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        AssertOne(root, "id", IsAbsoluteIri);
        AssertOne(root, "title", t => t.Length > 0);
        AssertOne(root, "updated", IsAtomDate);
        Assert.Contains(root.Elements(Atom + "author"), a => Assert.Single(a.Elements(Atom + "name")).Value.Length > 0);
        var self = Assert.Single(Links(root, "self"));
        Assert.Equal($"http://localhost{Feed}?limit=100", self);
        var entries = root.Elements(Atom + "entry").ToList();
        Assert.Contains(entries, e => Href(e, "alternate") == $"http://localhost/v1/claims/{claim}");
        Assert.Contains(entries, e => e.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") == "related" && (string?)l.Attribute("href") == $"http://localhost/v1/claims/{claim}"));
        Assert.All(entries, entry =>
        {
            AssertOne(entry, "id", IsAbsoluteIri);
            AssertOne(entry, "title", t => t.Length > 0);
            AssertOne(entry, "updated", IsAtomDate);
            var author = Assert.Single(entry.Elements(Atom + "author"));
            Assert.NotEmpty(Assert.Single(author.Elements(Atom + "name")).Value);
            // No atom:content, so a link to the record is required (RFC 4287 §4.1.1.1), and it must be absolute.
            Assert.Empty(entry.Elements(Atom + "content"));
            Assert.True(IsAbsoluteIri(Assert.Single(Links(entry, "alternate"))));
            Assert.NotEmpty(Assert.Single(entry.Elements(Atom + "summary")).Value);
            var category = Assert.Single(entry.Elements(Atom + "category"));
            Assert.Contains((string?)category.Attribute("term"), ChangeEvents);
        });
    }

    [SkippableFact]
    public async Task EntryIdsAndTimesAreTheSameOnEveryRequestAndNoTwoEntriesShareAnId()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        await PublishedClaimAsync(curator, await ClaimantAsync(curator));
        using var anonymous = api.CreateClient();

        var first = Entries((await ReadAsync(anonymous, $"{Feed}?limit=100")).Feed).Select(e => (e.Id, e.Updated, e.Title)).ToList();
        var again = Entries((await ReadAsync(anonymous, $"{Feed}?limit=100")).Feed).Select(e => (e.Id, e.Updated, e.Title)).ToList();

        Assert.Equal(first, again);
        Assert.Equal(first.Count, first.Select(e => e.Id).Distinct().Count());
        Assert.All(first, e => Assert.Matches(TagId(), e.Id));
    }

    [SkippableFact]
    public async Task APublishedClaimAppearsAsItsPublicationAndADraftNotAtAll()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        var draft = await CreateClaimAsync(curator, claimant);
        var published = await PublishedClaimAsync(curator, claimant);

        var entries = Entries((await ReadAsync(anonymous, $"{Feed}?claimant={claimant}")).Feed);
        var unfiltered = Entries((await ReadAsync(anonymous, $"{Feed}?limit=100")).Feed);

        var entry = Assert.Single(entries);
        Assert.Equal((published, "published", 3), (entry.Record, entry.Change, entry.Revision));
        Assert.StartsWith("Published: A claim made for the feed", entry.Title, StringComparison.Ordinal);
        Assert.StartsWith("Feed Claimant ", entry.AuthorName, StringComparison.Ordinal);
        Assert.DoesNotContain(unfiltered, e => e.Record == draft);
        Assert.Contains(unfiltered, e => e.Record == published);
    }

    [SkippableFact]
    public async Task ARetractionIsAnEntryOfItsOwnWithItsReasonNewestFirst()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        var claim = await PublishedClaimAsync(curator, claimant);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/workflow", new { to = "retracted", reason = "The source withdrew it." }, "\"3\"")).EnsureSuccessStatusCode();

        var entries = Entries((await ReadAsync(anonymous, $"{Feed}?claimant={claimant}")).Feed);

        Assert.Equal([("retracted", 4), ("published", 3)], entries.Select(e => (e.Change, e.Revision)));
        Assert.StartsWith("Retracted: ", entries[0].Title, StringComparison.Ordinal);
        Assert.Contains("The source withdrew it.", entries[0].Summary, StringComparison.Ordinal);
        Assert.NotEqual(entries[0].Id, entries[1].Id);
    }

    [SkippableFact]
    public async Task AReviewOfAPublishedClaimAppearsWithItsVerdictAndReviewerAndOneOfADraftDoesNot()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        var claim = await PublishedClaimAsync(curator, claimant);
        var draft = await CreateClaimAsync(curator, claimant);
        var review = await ReviewAsync(curator, claim);
        var hidden = await ReviewAsync(curator, draft);

        var (_, feed) = await ReadAsync(anonymous, $"{Feed}?limit=100");
        var entries = Entries(feed);

        var entry = Assert.Single(entries, e => e.Record == review);
        Assert.Equal(("created", "New review by Fact Desk: Pants on Fire", "Fact Desk"), (entry.Change, entry.Title, entry.AuthorName));
        var element = feed.Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value == entry.Id);
        Assert.Equal($"http://localhost/v1/reviews/{review}", Href(element, "alternate"));
        Assert.Equal("https://factdesk.example/reviews/1", Href(element, "via"));
        Assert.DoesNotContain(entries, e => e.Record == hidden);
    }

    [SkippableFact]
    public async Task TheClaimFilterKeepsTheClaimsThatPassAndTheirReviews()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        var mentioned = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Feed Mention {Guid.NewGuid():N}");
        var plain = await PublishedClaimAsync(curator, claimant);
        var mentioning = await PublishedClaimAsync(curator, claimant, mentions: ["dprk", mentioned], status: "false");
        var review = await ReviewAsync(curator, mentioning);
        var other = await PublishedClaimAsync(curator, "wpk-cmc", mentions: [mentioned]);

        var byClaimant = Records(await ReadAsync(anonymous, $"{Feed}?claimant={claimant}"));
        var byEntity = Records(await ReadAsync(anonymous, $"{Feed}?entity={mentioned}"));
        var byStatus = Records(await ReadAsync(anonymous, $"{Feed}?claimant={claimant}&status=false"));

        Assert.Equal([review, mentioning, plain], byClaimant);
        Assert.Equal([other, review, mentioning], byEntity);
        Assert.Equal([review, mentioning], byStatus);
        Assert.Empty(Records(await ReadAsync(anonymous, $"{Feed}?claimant={claimant}&status=true")));
    }

    [SkippableFact]
    public async Task ADraftsEditsDoNotShowThroughTheFilterButItsPublicEntriesStayInTheFeed()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        var other = await ClaimantAsync(curator);
        var claim = await PublishedClaimAsync(curator, claimant);
        (await curator.SendJsonAsync(HttpMethod.Post, $"/v1/claims/{claim}/workflow", new { to = "retracted", reason = "Withdrawn." }, "\"3\"")).EnsureSuccessStatusCode();
        var retracted = Records(await ReadAsync(anonymous, $"{Feed}?claimant={claimant}&workflow=retracted"));
        await MoveAsync(curator, claim, "draft", 4);
        (await curator.SendJsonAsync(HttpMethod.Put, $"/v1/claims/{claim}", ClaimBody(other, [], "false"), "\"5\"")).EnsureSuccessStatusCode();

        Assert.Equal([claim, claim], retracted);
        Assert.Empty(Records(await ReadAsync(anonymous, $"{Feed}?claimant={other}")));
        Assert.DoesNotContain(claim, Records(await ReadAsync(anonymous, $"{Feed}?status=false&limit=100")));
        var unfiltered = Entries((await ReadAsync(anonymous, $"{Feed}?limit=100")).Feed).Where(e => e.Record == claim);
        Assert.Equal(["retracted", "published"], unfiltered.Select(e => e.Change));
    }

    [SkippableFact]
    public async Task FollowingNextVisitsEveryEntryOnceNewestFirst()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        for (var i = 0; i < 3; i++)
        {
            await ReviewAsync(curator, await PublishedClaimAsync(curator, claimant));
        }

        var whole = Entries((await ReadAsync(anonymous, $"{Feed}?claimant={claimant}")).Feed).Select(e => e.Id).ToList();
        var paged = new List<string>();
        string? url = $"{Feed}?claimant={claimant}&limit=4";
        while (url is not null)
        {
            var (response, feed) = await ReadAsync(anonymous, url);
            var entries = Entries(feed);
            Assert.InRange(entries.Count, 1, 4);
            paged.AddRange(entries.Select(e => e.Id));
            url = Links(feed.Root!, "next").SingleOrDefault();
            Assert.Equal(url is null ? null : new Uri(url).PathAndQuery, response.Headers.TryGetValues("Link", out var link) ? Regex.Match(link.Single(), "^<(.*)>; rel=\"next\"$").Groups[1].Value : null);
            Assert.Equal($"http://localhost{Feed}?claimant={claimant}&limit=4", Assert.Single(Links(feed.Root!, "first")));
        }

        Assert.Equal(6, whole.Count);
        Assert.Equal(whole, paged);
    }

    [SkippableFact]
    public async Task TheFeedsOwnETagIsAnswered304UntilAChangeEntersThePage()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var anonymous = api.CreateClient();
        var claimant = await ClaimantAsync(curator);
        await PublishedClaimAsync(curator, claimant);
        var url = $"{Feed}?claimant={claimant}";
        var (first, _) = await ReadAsync(anonymous, url);
        var etag = first.Headers.ETag!;
        Assert.NotNull(first.Content.Headers.LastModified);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        var notModified = await anonymous.SendAsync(conditional);
        await PublishedClaimAsync(curator, claimant);
        using var later = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        var changed = await anonymous.SendAsync(later);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [SkippableFact]
    public async Task LinksAreAbsoluteOnTheRequestsHostAndIdsUseTheConfiguredTagAuthority()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var claimant = await ClaimantAsync(curator);
        var claim = await PublishedClaimAsync(curator, claimant);
        using var configured = api.WithWebHostBuilder(builder => builder.UseSetting("Feeds:TagAuthority", "claims.example.org,2026-12"));
        using var anonymous = configured.CreateClient();
        anonymous.DefaultRequestHeaders.Host = "feeds.example.org:8443";

        var (_, feed) = await ReadAsync(anonymous, $"{Feed}?claimant={claimant}");

        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.Equal($"tag:claims.example.org,2026-12:claims/{claim}/history/3", entry.Element(Atom + "id")!.Value);
        Assert.Equal($"tag:claims.example.org,2026-12:feeds/claims?claimant={claimant}", feed.Root!.Element(Atom + "id")!.Value);
        Assert.Equal($"http://feeds.example.org:8443/v1/claims/{claim}", Href(entry, "alternate"));
        Assert.Equal($"http://feeds.example.org:8443{Feed}?claimant={claimant}", Assert.Single(Links(feed.Root!, "self")));
    }

    [SkippableTheory]
    [InlineData("status=maybe", "status")]
    [InlineData("entity=Not%20An%20Id", "entity")]
    [InlineData("claimant=dprk&claimant=kpa", "claimant")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("cursor=eyJzIjoiLWNsYWltZWRPbiIsImsiOiIyMDI1LTA0LTI4IiwiaSI6ImRwcmstZm91Z2h0LW9ubHktaW4tcnVzc2lhIn0", "cursor")]
    [InlineData("after=3", "after")]
    public async Task AParameterItCannotTakeIsA400NamingIt(string query, string parameter)
    {
        using var anonymous = api.CreateClient();

        var problem = await Problem.AssertAsync(await anonymous.GetAsync($"{Feed}?{query}"), HttpStatusCode.BadRequest, $"'{parameter}'");

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    private static readonly string[] ChangeEvents = ["created", "updated", "published", "retracted", "deleted", "restored"];

    private static async Task<(HttpResponseMessage Response, XDocument Feed)> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return (response, XDocument.Parse(body));
    }

    /// <summary>The entries in document order, with what their id, links and category say.</summary>
    private static List<FeedEntry> Entries(XDocument feed) =>
        [.. feed.Root!.Elements(Atom + "entry").Select(e =>
        {
            var id = e.Element(Atom + "id")!.Value;
            var match = TagId().Match(id);
            return new FeedEntry(
                id, match.Groups["record"].Value, int.Parse(match.Groups["revision"].Value, System.Globalization.CultureInfo.InvariantCulture),
                (string)e.Element(Atom + "category")!.Attribute("term")!, e.Element(Atom + "title")!.Value, e.Element(Atom + "updated")!.Value,
                e.Element(Atom + "author")!.Element(Atom + "name")!.Value, e.Element(Atom + "summary")!.Value);
        })];

    private static List<string> Records((HttpResponseMessage, XDocument Feed) read) => [.. Entries(read.Feed).Select(e => e.Record)];

    private static IEnumerable<string> Links(XElement element, string rel) =>
        element.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == rel).Select(l => (string)l.Attribute("href")!);

    private static string? Href(XElement entry, string rel) => Links(entry, rel).SingleOrDefault();

    private static void AssertOne(XElement parent, string name, Func<string, bool> valid)
    {
        var element = Assert.Single(parent.Elements(Atom + name));
        Assert.True(valid(element.Value), $"{parent.Name.LocalName}/{name} '{element.Value}'");
    }

    private static bool IsAbsoluteIri(string value) => Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>An RFC 3339 date-time as RFC 4287 §3.3 wants it: upper-case T, and Z or an offset.</summary>
    private static bool IsAtomDate(string value) =>
        AtomDate().IsMatch(value) && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex AtomDate();

    [GeneratedRegex(@"^tag:[a-z0-9.-]+,\d{4}(-\d{2}){0,2}:(claims|reviews)/(?<record>[a-z0-9-]+)/history/(?<revision>\d+)$")]
    private static partial Regex TagId();

    private static async Task<string> ClaimantAsync(HttpClient curator) =>
        await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Feed Claimant {Guid.NewGuid():N}");

    private static object ClaimBody(string claimant, string[] mentions, string? status) => new
    {
        text = $"A claim made for the feed {Guid.NewGuid():N}.",
        claimant,
        kind = "factual",
        status,
        article = TestPaths.SeedArticleId,
        evidence = new[] { new { statement = "p3-noted-treaty" } },
        mentions,
    };

    private static async Task<string> CreateClaimAsync(HttpClient curator, string claimant, string[]? mentions = null, string? status = null) =>
        (await (await curator.SendJsonAsync(HttpMethod.Post, "/v1/claims", ClaimBody(claimant, mentions ?? ["dprk"], status))).ReadSuccessAsync()).GetProperty("id").GetString()!;

    /// <summary>A claim of this test's own, created as a draft and published: revision 3.</summary>
    private static async Task<string> PublishedClaimAsync(HttpClient curator, string claimant, string[]? mentions = null, string? status = null)
    {
        var id = await CreateClaimAsync(curator, claimant, mentions, status);
        await MoveAsync(curator, id, "in-review", 1);
        await MoveAsync(curator, id, "published", 2);
        return id;
    }

    private static Task MoveAsync(HttpClient curator, string id, string to, int revision) => ChangeFeedTests<TApi>.MoveAsync(curator, id, to, revision);

    private static Task<string> ReviewAsync(HttpClient curator, string claim) => ChangeFeedTests<TApi>.ReviewAsync(curator, claim);

    private sealed record FeedEntry(string Id, string Record, int Revision, string Change, string Title, string Updated, string AuthorName, string Summary);
}

public sealed class AtomFeedTestsOnSqlite(SqliteApi api) : AtomFeedTests<SqliteApi>(api);

public sealed class AtomFeedTestsOnPostgres(PostgresApi api) : AtomFeedTests<PostgresApi>(api);
