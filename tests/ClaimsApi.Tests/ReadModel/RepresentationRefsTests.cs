using ClaimsApi.ReadModel;

namespace ClaimsApi.Tests.ReadModel;

public sealed class RepresentationRefsTests
{
    [Fact]
    public void TheIdsOfIdPropertiesAndIdArraysAreCollectedAtAnyDepth()
    {
        var json = """
            {"id":"c1","text":"An id-like text","claimant":{"id":"e1","name":"x"},"articleId":"a1","parentId":null,
             "evidence":[{"statementId":"s1","speaker":{"id":"e2"}}],"claimIds":["c2","c3"],"aliases":["not-an-id"],
             "links":[{"kind":"supports","claimId":"c4","text":"t"}],"span":{"start":1,"end":2},"revision":3}
            """u8;
        var ids = new HashSet<string>(StringComparer.Ordinal);

        RepresentationRefs.Collect(json, ids);

        Assert.Equal(["a1", "c1", "c2", "c3", "c4", "e1", "e2", "s1"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TextsAndTheRecordItselfMakeOneSet()
    {
        var ids = RepresentationRefs.Of("c9", """{"id":"c1"}""", null, """{"claimantId":"e1","id":"c1"}""");

        Assert.Equal(["c1", "c9", "e1"], ids.Order(StringComparer.Ordinal));
    }
}
