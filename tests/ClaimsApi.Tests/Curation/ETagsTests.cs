using ClaimsApi.Http;
using Microsoft.AspNetCore.Http;

namespace ClaimsApi.Tests.Curation;

public sealed class ETagsTests
{
    [Fact]
    public void AnETagIsTheRevisionAndADigestOfTheBytes()
    {
        var body = "{\"id\":\"c\",\"claimant\":{\"name\":\"North Korea\"},\"revision\":3}"u8.ToArray();
        var renamed = "{\"id\":\"c\",\"claimant\":{\"name\":\"North Korea!\"},\"revision\":3}"u8.ToArray();

        Assert.Matches("^\"3-[0-9a-f]{12}\"$", ETags.For(3, body));
        Assert.Equal(ETags.For(3, body), ETags.For(3, body.ToArray()));
        Assert.NotEqual(ETags.For(3, body), ETags.For(3, renamed)); // an embedded name changed, the revision did not
        Assert.StartsWith("\"42-", ETags.For(42, body), StringComparison.Ordinal);
    }

    [Fact]
    public void NoIfMatchIsPreconditionRequired()
    {
        Assert.Equal(StatusCodes.Status428PreconditionRequired, Status(CheckIfMatch(null, 3)));
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("*")]
    [InlineData("\"1\", \"3\"")]
    [InlineData("\"3\",\"4\"")]
    [InlineData(" \"3\" ")]
    [InlineData("\"3-0123456789ab\"")]
    [InlineData("\"2-0123456789ab\", \"3-ba9876543210\"")]
    public void AnIfMatchNamingTheCurrentRevisionOrStarPasses(string ifMatch)
    {
        Assert.Null(CheckIfMatch(ifMatch, 3));
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("\"4\"")]
    [InlineData("\"03\"")]
    [InlineData("\"03-0123456789ab\"")]
    [InlineData("\"2-0123456789ab\"")]
    [InlineData("W/\"3-0123456789ab\"")]
    [InlineData("\"-3\"")]
    [InlineData("W/\"3\"")]
    [InlineData("\"1\", W/\"3\"")]
    [InlineData("3")]
    [InlineData("\"3")]
    [InlineData("'3'")]
    [InlineData("\"3\" garbage")]
    [InlineData("")]
    public void AStaleWeakOrMalformedIfMatchFails(string ifMatch)
    {
        Assert.Equal(StatusCodes.Status412PreconditionFailed, Status(CheckIfMatch(ifMatch, 3)));
    }

    [Theory]
    [InlineData("\"3-0123456789ab\"", true)]
    [InlineData("W/\"3-0123456789ab\"", true)]
    [InlineData("*", true)]
    [InlineData("\"1-aaaaaaaaaaaa\", \"3-0123456789ab\"", true)]
    [InlineData("\"3-ba9876543210\"", false)] // same revision, other bytes: not the representation the client holds
    [InlineData("\"3\"", false)]
    [InlineData("3-0123456789ab", false)]
    public void IfNoneMatchComparesTheWholeTagWeakly(string ifNoneMatch, bool matches)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.IfNoneMatch = ifNoneMatch;

        Assert.Equal(matches, ETags.IfNoneMatchMatches(context.Request, "\"3-0123456789ab\""));
    }

    [Fact]
    public void NoIfNoneMatchNeverMatches()
    {
        Assert.False(ETags.IfNoneMatchMatches(new DefaultHttpContext().Request, "\"3-0123456789ab\""));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? CheckIfMatch(string? ifMatch, int revision)
    {
        var context = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        return ETags.CheckIfMatch(context.Request, "claim", "c", revision);
    }

    private static int? Status(IResult? result) => (result as IStatusCodeHttpResult)?.StatusCode;
}
