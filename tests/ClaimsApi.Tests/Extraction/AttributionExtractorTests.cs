using System.Text;
using ClaimsApi.Extraction;
using ClaimsApi.Seeding;
using ClaimsApi.Tests.Infrastructure;

namespace ClaimsApi.Tests.Extraction;

/// <summary>The attribution extractor on the seed article (its curation is the gold), on each kind of cue, on the claim flags, and on hostile text.</summary>
public sealed class AttributionExtractorTests
{
    private static readonly Lazy<(string Text, EntityLexicon Entities)> Seed = new(() =>
    {
        var seeds = SeedLoader.Load(TestPaths.Seeds);
        var entities = seeds.Entities.Select(e => new KnownEntity(e.Id, e.Name, ClaimsApi.Domain.EnumNames.Of(e.Kind), [.. e.Aliases.Select(a => a.Alias)]));
        return (seeds.Articles.Single().Text, new EntityLexicon(entities));
    });

    private static IReadOnlyList<Attribution> SeedAttributions() => AttributionExtractor.Extract(Seed.Value.Text, Seed.Value.Entities).Attributions;

    private static IReadOnlyList<Attribution> Extract(string body) =>
        AttributionExtractor.Extract(" date 2025-01-01 A lead.\n\nA title\n\n" + body, EntityLexicon.Empty).Attributions;

    [Fact]
    public void TheSeedsThreeUnmarkedBlockQuotesAreTheWpkCentralMilitaryCommissions()
    {
        var blockQuotes = SeedAttributions().Where(a => a.Kind == AttributionKind.UnmarkedBlockQuote).ToList();

        Assert.Equal(3, blockQuotes.Count);
        Assert.All(blockQuotes, a => Assert.Equal("wpk-cmc", a.Speaker?.Id));
        Assert.StartsWith("The units of our armed forces", blockQuotes[0].Content.Text, StringComparison.Ordinal);
        Assert.StartsWith("Based on the analysis", blockQuotes[1].Content.Text, StringComparison.Ordinal);
        Assert.StartsWith("By order of the head of state", blockQuotes[2].Content.Text, StringComparison.Ordinal);
        Assert.All(blockQuotes, a => Assert.Equal("the party's governing body", a.Antecedent?.Text));
    }

    [Fact]
    public void PyongyangsClaimIsReportedSpeechOfNorthKoreaWithItsPartialQuoteNestedInIt()
    {
        var attributions = SeedAttributions();
        var claim = attributions.Single(a => a.Cue?.Text == "claims" && a.Kind == AttributionKind.Reported);
        var partial = attributions.Single(a => a.Kind == AttributionKind.Partial && a.Content.Text.StartsWith("fully consistent", StringComparison.Ordinal));

        Assert.Equal(AttributionKind.Reported, claim.Kind);
        Assert.Equal("Pyongyang", claim.Source?.Text);
        Assert.Equal("dprk", claim.Speaker?.Id);
        Assert.StartsWith("the DPRK military participated in hostilities only within Russia", claim.Content.Text, StringComparison.Ordinal);
        Assert.Equal("fully consistent with the provisions of the UN Charter and other international treaties.", partial.Content.Text);
        Assert.Equal("dprk", partial.Speaker?.Id);
        Assert.Equal(attributions.ToList().IndexOf(claim), partial.Parent);
    }

    [Fact]
    public void TheScareQuotesAroundLiberationAreNotSpeech()
    {
        var text = Seed.Value.Text;
        var liberation = text.IndexOf("\"liberation\"", StringComparison.Ordinal) + 1;

        Assert.DoesNotContain(SeedAttributions(), a => a.Content.Text == "liberation" || a.Content.Start == liberation);
        Assert.DoesNotContain(SeedAttributions(), a => a.Kind is AttributionKind.Direct or AttributionKind.Partial && a.Content.Text.Contains("liberation", StringComparison.Ordinal));
    }

    [Fact]
    public void TheShareLabelIsOutsideEverySpan()
    {
        var share = Seed.Value.Text.IndexOf("about this. Share", StringComparison.Ordinal) + "about this. ".Length;

        Assert.All(SeedAttributions(), a =>
        {
            foreach (var span in new[] { a.Source, a.Cue, a.Content, a.Antecedent }.OfType<TextSpan>())
            {
                Assert.False(span.Start <= share && share < span.End, $"'{span.Text}' covers the Share label");
            }

            Assert.All(a.Claims, c => Assert.DoesNotContain("Share", c.Proposition, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void AgentlessNotedCuesAreAttributedToTheStatementIntroducedBefore()
    {
        var noted = SeedAttributions().Where(a => a.Kind == AttributionKind.Reported && a.Cue?.Text.EndsWith("noted that", StringComparison.OrdinalIgnoreCase) == true).ToList();

        Assert.Equal(2, noted.Count);
        Assert.All(noted, a => Assert.Null(a.Source));
        Assert.All(noted, a => Assert.Equal("wpk-cmc", a.Speaker?.Id));
    }

    [Fact]
    public void EverySpanIsTheArticleTextAtItsCodePointOffsets()
    {
        var text = " date 2025-01-01 Lead 𝐀𝐁 here.\n\nTitle 😀\n\n\"We will win 😀 this war,\" said the 𝐌inister. He told reporters that the talks had failed.";
        var attributions = AttributionExtractor.Extract(text, EntityLexicon.Empty).Attributions;

        Assert.NotEmpty(attributions);
        Assert.All(attributions.SelectMany(a => new[] { a.Source, a.Cue, a.Content }.OfType<TextSpan>()), span =>
            Assert.Equal(span.Text, ClaimsApi.Domain.Text.CodePoints.Slice(text, span.Start, span.End)));
    }

    [Theory]
    [InlineData("\"The talks have failed,\" the minister said.", "the minister", "said", "The talks have failed,")]
    [InlineData("\u201CThe talks have failed,\u201D said Mr Brown.", "Mr Brown", "said", "The talks have failed,")]
    [InlineData("The minister said: \u00ABThe talks have failed.\u00BB", "The minister", "said", "The talks have failed.")]
    [InlineData("Anna Lee told the press, \u2018The talks have failed.\u2019", "Anna Lee", "told", "The talks have failed.")]
    [InlineData("The minister stated that the talks had failed.", "The minister", "stated", "the talks had failed.")]
    [InlineData("Officials confirmed the talks had failed last night.", "Officials", "confirmed", "the talks had failed last night.")]
    [InlineData("The ministry announced that the talks had failed.", "The ministry", "announced", "the talks had failed.")]
    [InlineData("The army warned that the border would close.", "The army", "warned", "the border would close.")]
    [InlineData("The company claimed that its profits had doubled.", "The company", "claimed", "its profits had doubled.")]
    [InlineData("The report noted that prices rose sharply.", "The report", "noted", "prices rose sharply.")]
    [InlineData("The government denied that troops had crossed the border.", "The government", "denied", "troops had crossed the border.")]
    [InlineData("According to the police, three people were arrested.", "the police", "According to", "three people were arrested.")]
    [InlineData("Three people were arrested, according to the police.", "the police", "according to", "Three people were arrested")]
    [InlineData("Three people were arrested, said Chief Inspector Jane Doe.", "Chief Inspector Jane Doe", "said", "Three people were arrested")]
    [InlineData("Three people, the minister said, were arrested.", "the minister", "said", "Three people")]
    [InlineData("Valeska Paris, a former member, has claimed that she was held.", "Valeska Paris", "claimed", "she was held.")]
    public void EachKindOfCueFindsItsSourceCueAndContent(string sentence, string source, string cue, string content)
    {
        var attribution = Assert.Single(Extract(sentence));

        Assert.Equal(source, attribution.Source?.Text);
        Assert.Equal(cue, attribution.Cue?.Text);
        Assert.Equal(content, attribution.Content.Text);
    }

    [Fact]
    public void ASecondReportingVerbOfTheSameSubjectEndsTheFirstContentAndStartsItsOwn()
    {
        var attributions = Extract("Opposition leader Tom Reyes said the project was too expensive and claimed that costs had been underestimated.");

        Assert.Equal(
            [("said", "the project was too expensive"), ("claimed", "costs had been underestimated.")],
            attributions.Select(a => (a.Cue?.Text, a.Content.Text)).ToList());
        Assert.All(attributions, a => Assert.Equal("tom-reyes", a.Speaker?.Id));
    }

    [Fact]
    public void ItIsNotedThatIsReportedSpeechWithoutASource()
    {
        var attribution = Assert.Single(Extract("It is noted that the plant will close next year."));

        Assert.Null(attribution.Source);
        Assert.Equal("It is noted that", attribution.Cue?.Text);
        Assert.Equal("the plant will close next year.", attribution.Content.Text);
    }

    [Fact]
    public void ThisIsStatedInIntroducesTheSourceOfAnUnmarkedBlockQuote()
    {
        var attributions = Extract("This is stated in a statement by the Ministry of Defence.\n\nOur forces have fulfilled their duty... The enemy was defeated.");

        var quote = Assert.Single(attributions);
        Assert.Equal(AttributionKind.UnmarkedBlockQuote, quote.Kind);
        Assert.Equal("the Ministry of Defence", quote.Antecedent?.Text);
        Assert.Equal("Ministry of Defence", quote.Speaker?.Name);
        Assert.False(quote.Speaker?.Known);
    }

    [Fact]
    public void AQuoteRunningAcrossParagraphsIsOneAttribution()
    {
        var attributions = Extract("The mayor said: \"We will rebuild the bridge.\n\n\"We will also rebuild the school,\" she added.");

        var quote = Assert.Single(attributions, a => a.Kind == AttributionKind.Direct);
        Assert.StartsWith("We will rebuild the bridge.", quote.Content.Text, StringComparison.Ordinal);
        Assert.EndsWith("rebuild the school,", quote.Content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APronounSourceIsResolvedToItsAntecedent()
    {
        var attributions = Extract("Professor Jane Smith said the results were clear. She added that more work was needed.");

        var second = attributions.Single(a => a.Cue?.Text == "added");
        Assert.Equal("She", second.Source?.Text);
        Assert.Equal("Professor Jane Smith", second.Antecedent?.Text);
        Assert.Equal("Jane Smith", second.Speaker?.Name);
        Assert.Equal("person", second.Speaker?.Kind);
    }

    [Fact]
    public void ASpeakerIsResolvedToAKnownEntityByAnyAlias()
    {
        var entities = new EntityLexicon([new KnownEntity("who", "World Health Organization", "organisation", ["WHO", "the World Health Organisation"])]);

        var attribution = Assert.Single(AttributionExtractor.Extract(" date 2025-01-01 Lead.\n\nTitle\n\nThe World Health Organisation warned that cases would rise.", entities).Attributions);

        Assert.Equal("who", attribution.Speaker?.Id);
        Assert.True(attribution.Speaker?.Known);
    }

    [Fact]
    public void ADenialIsNeverAnAssertion()
    {
        var claim = Assert.Single(Assert.Single(Extract("The government denied that troops had crossed the border.")).Claims);

        Assert.True(claim.Denied);
        Assert.Equal("troops had crossed the border.", claim.Proposition);
    }

    [Fact]
    public void AHedgedPropositionIsFlagged()
    {
        var claim = Assert.Single(Assert.Single(Extract("The agency said that the dam may have been damaged.")).Claims);

        Assert.True(claim.Hedged);
        Assert.False(claim.Denied);
    }

    [Fact]
    public void AQuestionIsFlagged()
    {
        var claim = Assert.Single(Assert.Single(Extract("\"Why was nobody warned?\" asked Mr Brown.")).Claims);

        Assert.True(claim.Question);
    }

    [Fact]
    public void AnOpinionIsFlagged()
    {
        var claim = Assert.Single(Assert.Single(Extract("The senator said the decision was a terrible mistake.")).Claims);

        Assert.True(claim.Opinion);
    }

    [Fact]
    public void AnAssertionHasNoFlag()
    {
        var claim = Assert.Single(Assert.Single(Extract("The ministry said that 40 people were arrested on Monday.")).Claims);

        Assert.False(claim.Hedged || claim.Denied || claim.Question || claim.Opinion);
        Assert.Equal("40 people were arrested on Monday.", claim.Proposition);
    }

    [Fact]
    public void AnImageCreditIsACreditWithoutClaims()
    {
        var credit = Assert.Single(Extract("Firefighters at the scene on Monday. Image: John Smith."));

        Assert.Equal(AttributionKind.Credit, credit.Kind);
        Assert.Equal("John Smith", credit.Source?.Text);
        Assert.Equal("Firefighters at the scene on Monday.", credit.Content.Text);
        Assert.Empty(credit.Claims);
    }

    [Theory]
    [InlineData("No quotes at all, and no one said anything in this paragraph of plain prose about the weather.")]
    [InlineData("\"Unbalanced quote that never ends, said nobody")]
    [InlineData("Closing first\u201D then opening \u201C and \u00BB reversed \u00AB marks \u2018 and \u2019 singles'")]
    [InlineData("\"Outer 'inner \u201Cdeeper\u201D inner' outer,\" he said.")]
    [InlineData("\u202Eمرحبا\u202C \"\u200Bسلام\u200D\" \u2067said\u2069 \u200F\u05E9\u05DC\u05D5\u05DD\u200E \uFEFFzero\u200Bwidth\u200C said")]
    [InlineData("\"a\" \"b \"c\" d\" \"e \"\"\"\" \"f\"g\"h\" \"\"\" said \" \" \"")]
    [InlineData("\uD800 lone surrogate \uDFFF said the \uD83D man, \"x\uDE00\"")]
    public async Task HostileTextNeverFails(string body)
    {
        var text = " date 2025-01-01 A lead.\n\nA title\n\n" + body;

        var attributions = await Task.Run(() => AttributionExtractor.Extract(text, EntityLexicon.Empty).Attributions).WaitAsync(TimeSpan.FromSeconds(30));

        AssertSpansHold(text, attributions);
    }

    [Fact]
    public async Task AQuoteMarkInEveryWordOfAMegabyteFinishes()
    {
        var words = new StringBuilder();
        var marks = new[] { "\"", "\u201C", "\u201D", "'", "\u2018", "\u2019", "\u00AB", "\u00BB" };
        for (var i = 0; words.Length < 1_000_000; i++)
        {
            words.Append(marks[i % marks.Length]).Append(i % 7 == 0 ? "said" : "word").Append(i % 13 == 0 ? ". " : " ");
        }

        var text = " date 2025-01-01 A lead.\n\nA title\n\n" + words;
        var attributions = await Task.Run(() => AttributionExtractor.Extract(text, EntityLexicon.Empty).Attributions).WaitAsync(TimeSpan.FromSeconds(30));

        AssertSpansHold(text, attributions);
    }

    [Fact]
    public async Task AMegabyteOfNewsFinishes()
    {
        var text = new StringBuilder(" date 2025-01-01 A lead.\n\nA title");
        var body = Seed.Value.Text[(Seed.Value.Text.IndexOf("\n\nThis is stated", StringComparison.Ordinal))..]
            + "\n\n\"We will win,\" said the minister. According to the police, three people were arrested, the spokesman said, on Monday.";
        while (text.Length < 1_000_000)
        {
            text.Append(body);
        }

        var article = text.ToString();
        var attributions = await Task.Run(() => AttributionExtractor.Extract(article, Seed.Value.Entities).Attributions).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(attributions.Count > 1000);
        AssertSpansHold(article, attributions);
    }

    [Fact]
    public async Task AMegabyteSentenceOfCuesFinishes()
    {
        var text = " date 2025-01-01 A lead.\n\nA title\n\n" + string.Concat(Enumerable.Repeat("the man told told said that he said ", 30_000));

        var attributions = await Task.Run(() => AttributionExtractor.Extract(text, EntityLexicon.Empty).Attributions).WaitAsync(TimeSpan.FromSeconds(30));

        AssertSpansHold(text, attributions);
    }

    private static void AssertSpansHold(string text, IReadOnlyList<Attribution> attributions)
    {
        var length = ClaimsApi.Domain.Text.CodePoints.Length(text);
        foreach (var span in attributions.SelectMany(a => new[] { a.Source, a.Cue, a.Content, a.Antecedent }.OfType<TextSpan>()))
        {
            Assert.InRange(span.Start, 0, span.End);
            Assert.InRange(span.End, span.Start, length);
        }
    }
}
