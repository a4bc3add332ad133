using ClaimsApi.Http;
using Microsoft.AspNetCore.Http;

namespace ClaimsApi.Tests.Curation;

public sealed class ETagsTests
{
    [Theory]
    [InlineData(1, "\"1\"")]
    [InlineData(42, "\"42\"")]
    public void AnETagIsTheQuotedRevision(int revision, string etag)
    {
        Assert.Equal(etag, ETags.Of(revision));
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
    public void AnIfMatchNamingTheCurrentRevisionOrStarPasses(string ifMatch)
    {
        Assert.Null(CheckIfMatch(ifMatch, 3));
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("\"4\"")]
    [InlineData("\"03\"")]
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
    [InlineData("\"3\"", true)]
    [InlineData("W/\"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"1\", \"3\"", true)]
    [InlineData("\"2\"", false)]
    [InlineData("3", false)]
    public void IfNoneMatchComparesWeakly(string ifNoneMatch, bool matches)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.IfNoneMatch = ifNoneMatch;

        Assert.Equal(matches, ETags.IfNoneMatchMatches(context.Request, 3));
    }

    [Fact]
    public void NoIfNoneMatchNeverMatches()
    {
        Assert.False(ETags.IfNoneMatchMatches(new DefaultHttpContext().Request, 3));
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
