using System.Text.Json;
using ClaimsApi.Curation;

namespace ClaimsApi.Tests.Curation;

public sealed class HistoryDiffTests
{
    [Fact]
    public void ACreationChangesEveryFieldButTheRevisionInTheRecordsOrder()
    {
        Assert.Equal(["id", "text", "links"], HistoryDiff.ChangedFields(null, Json("""{"id":"a","revision":1,"text":"t","links":[]}""")));
    }

    [Fact]
    public void ABeforeThatIsNotAnObjectCountsAsNothing()
    {
        Assert.Equal(["id", "text"], HistoryDiff.ChangedFields(Json("null"), Json("""{"id":"a","text":"t"}""")));
    }

    [Fact]
    public void AnUnchangedRecordHasNoChanges()
    {
        const string Record = """{"id":"a","text":"t","evidence":[{"statement":"s","span":{"start":1,"end":2}}],"subject":null}""";

        Assert.Empty(HistoryDiff.ChangedFields(Json(Record), Json(Record)));
    }

    [Fact]
    public void ANewRevisionAloneIsNotAChange()
    {
        Assert.Empty(HistoryDiff.ChangedFields(Json("""{"id":"a","revision":1}"""), Json("""{"id":"a","revision":2}""")));
    }

    [Theory]
    [InlineData("""{"id":"a","text":"t","kind":"factual"}""", """{"id":"a","text":"u","kind":"factual"}""", new[] { "text" })]
    [InlineData("""{"id":"a","text":"t","kind":"factual"}""", """{"id":"a","text":"u","kind":"legal"}""", new[] { "text", "kind" })]
    [InlineData("""{"id":"a","subject":null}""", """{"id":"a","subject":"s"}""", new[] { "subject" })]
    [InlineData("""{"id":"a","subject":"s"}""", """{"id":"a","subject":null}""", new[] { "subject" })]
    [InlineData("""{"id":"a","evidence":[{"span":{"start":1,"end":2}}]}""", """{"id":"a","evidence":[{"span":{"start":1,"end":3}}]}""", new[] { "evidence" })]
    [InlineData("""{"id":"a","mentions":["x","y"]}""", """{"id":"a","mentions":["y","x"]}""", new[] { "mentions" })]
    [InlineData("""{"id":"a","mentions":["x"]}""", """{"id":"a","mentions":["x","y"]}""", new[] { "mentions" })]
    [InlineData("""{"id":"a","claimant":{"id":"x","name":"X"}}""", """{"id":"a","claimant":{"id":"x","name":"Y"}}""", new[] { "claimant" })]
    [InlineData("""{"id":"a","revision":1}""", """{"id":"a","revision":2,"reason":"r"}""", new[] { "reason" })]
    [InlineData("""{"id":"a","reason":"r","text":"t"}""", """{"id":"a","text":"u"}""", new[] { "text", "reason" })]
    public void TheChangedFieldsAreTheTopLevelFieldsWhoseValuesDiffer(string before, string after, string[] changed)
    {
        Assert.Equal(changed, HistoryDiff.ChangedFields(Json(before), Json(after)));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
