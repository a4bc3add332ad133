using ClaimsApi.Domain.Search;
using ClaimsApi.TextSearch;
using CsCheck;

namespace ClaimsApi.Tests.Search;

/// <summary>The embedded text index of decision 0032: its analysis, its top-k and its change-log position.</summary>
public sealed class TextIndexTests
{
    /// <summary>Inside the Basic Multilingual Plane the words are what the regular expression the tokenizer replaced found.</summary>
    [Fact]
    public void WordsInsideTheBasicMultilingualPlaneAreRunsOfLettersMarksAndDigits()
    {
        var before = new System.Text.RegularExpressions.Regex(@"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        Gen.String.Where(s => !s.Any(char.IsSurrogate)).Sample(text =>
            Assert.Equal(before.Matches(text).Select(m => m.Value), TextAnalysis.Words(text)));
    }

    [Fact]
    public void LettersOutsideTheBasicMultilingualPlaneAreLetters()
    {
        Assert.Equal(["𠮷野家", "opened", "𝐀𝐁𝐂", "42"], TextAnalysis.Words("𠮷野家 opened: 𝐀𝐁𝐂 (42) 😀"));
        Assert.Equal(["𠮷野家"], TextAnalysis.Terms("「𠮷野家」"));
        Assert.Equal(["𠮷野家", "opened"], FullTextQuery.Tokenize("𠮷野家 opened"));
    }

    [Theory]
    [InlineData("prices", "price")]
    [InlineData("Prices", "price")]
    [InlineData("price", "price")]
    [InlineData("policies", "policy")]
    [InlineData("troops", "troop")]
    [InlineData("forces", "force")]
    [InlineData("news", "news")]
    [InlineData("series", "series")]
    [InlineData("bus", "bus")]
    [InlineData("glass", "glass")]
    [InlineData("gas", "gas")]
    [InlineData("Ukraïns", "ukrain")]
    [InlineData("losses", "loss")]
    [InlineData("loss", "loss")]
    [InlineData("taxes", "tax")]
    [InlineData("speeches", "speech")]
    [InlineData("wishes", "wish")]
    [InlineData("refugees", "refugee")]
    [InlineData("refugee", "refugee")]
    [InlineData("fees", "fee")]
    [InlineData("goes", "goes")]
    [InlineData("axes", "axe")]
    public void TermsAreFoldedAndEnglishPluralsSingular(string word, string term) => Assert.Equal(term, TextAnalysis.Term(word));

    [Fact]
    public void AQueryForThePluralFindsTheSingularAndTheReverse()
    {
        using var index = TextIndex.InMemory();
        index.Apply([], [new("claim", "a", "Wheat price rose.", ""), new("claim", "b", "Wheat prices rose.", ""), new("claim", "c", "Oil rose.", "")], 1);

        Assert.Equal(["a", "b"], index.Search(Words("price"), 10).Select(h => h.Id).Order());
        Assert.Equal(["a", "b"], index.Search(Words("prices"), 10).Select(h => h.Id).Order());
    }

    [Fact]
    public void TheIntegerPartOfAScoreCountsTheGroupsMatchedAndRanksFirst()
    {
        using var index = TextIndex.InMemory();
        index.Apply([], [
            new("claim", "one-rare-word-many-times", "Kursk Kursk Kursk Kursk.", ""),
            new("claim", "both", "Troops in the Kursk region, a long sentence with many other words in it.", ""),
            new("statement", "troops", "Troops.", ""),
        ], 1);

        var hits = index.Search(Words("troops Kursk"), 10);

        Assert.Equal(["both", "one-rare-word-many-times", "troops"], hits.Select(h => h.Id).Take(1).Concat(hits.Skip(1).Select(h => h.Id).Order()));
        Assert.Equal(2, Math.Floor(hits[0].Score));
        Assert.All(hits.Skip(1), h => Assert.Equal(1, Math.Floor(h.Score)));
        Assert.All(hits, h => Assert.InRange(h.Score - Math.Floor(h.Score), 0, 1));
    }

    [Fact]
    public void AnAliasGroupCountsOnceHoweverManyOfItsNamesMatch()
    {
        using var index = TextIndex.InMemory();
        index.Apply([], [new("claim", "both-names", "North Korea, the DPRK, said so.", "")], 1);
        var query = new FullTextQuery([new FullTextGroup([["north", "korea"], ["the", "dprk"], ["pyongyang"]], ["dprk"])]);

        Assert.Equal(1, Math.Floor(Assert.Single(index.Search(query, 10)).Score));
    }

    [Fact]
    public void PhrasesMatchOnlyAsConsecutiveWords()
    {
        using var index = TextIndex.InMemory();
        index.Apply([], [new("claim", "phrase", "The Kursk region was shelled.", ""), new("claim", "apart", "The region of Kursk was shelled.", "")], 1);
        var query = new FullTextQuery([new FullTextGroup([["kursk", "region"]], [])]);

        Assert.Equal("phrase", Assert.Single(index.Search(query, 10)).Id);
    }

    [Fact]
    public void AKindFilterKeepsOnlyThatKind()
    {
        using var index = TextIndex.InMemory();
        index.Apply([], [new("claim", "c", "Wheat.", ""), new("statement", "s", "Wheat.", ""), new("article", "a", "Wheat", "Wheat.")], 1);

        Assert.Equal([("statement", "s")], index.Search(Words("wheat"), 10, new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term("kind", "statement"))).Select(h => (h.Kind, h.Id)));
    }

    [Fact]
    public void ApplyingReplacesAndRemovesDocumentsAndTheCommittedPositionSurvivesAReopen()
    {
        using var temp = new TempFolder("text-index-");
        var folder = temp.Path;
        using (var index = TextIndex.Open(folder))
        {
            Assert.Equal(0, index.Position);
            index.Apply([], [new("claim", "a", "Wheat exports.", ""), new("claim", "b", "Oil exports.", "")], 7);
            index.Apply([("claim", "a"), ("claim", "b")], [new("claim", "a", "Barley exports.", "")], 9); // b is gone, a changed

            Assert.Empty(index.Search(Words("wheat"), 10));
            Assert.Empty(index.Search(Words("oil"), 10));
            Assert.Equal("a", Assert.Single(index.Search(Words("barley"), 10)).Id);
            Assert.Equal(9, index.Position);
            index.Commit();
            index.Apply([], [new("claim", "c", "Rye exports.", "")], 12); // applied, searchable, not committed: as after a crash
            Assert.Equal("c", Assert.Single(index.Search(Words("rye"), 10)).Id);
            Assert.Equal(9, index.CommittedPosition);
        }

        using var reopened = TextIndex.Open(folder);
        Assert.Equal(9, reopened.Position); // the follower applies 10-12 again from here
        Assert.Equal(1, reopened.Count);
    }

    /// <summary>An index built by older analysis rules (its commit records no version, or another) is emptied on open, for the follower to build again.</summary>
    [Fact]
    public void AnIndexBuiltByOtherAnalysisRulesIsEmptiedOnOpen()
    {
        using var temp = new TempFolder("text-index-");
        var folder = temp.Path;
        using (var directory = Lucene.Net.Store.FSDirectory.Open(folder))
        using (var old = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new IndexAnalyzer())))
        {
            old.AddDocument(new IndexedDocument("claim", "a", "Heavy losses.", "").ToLucene());
            old.SetCommitData(new Dictionary<string, string> { ["position"] = "7" }); // version 1 recorded nothing
            old.Commit();
        }

        using (var index = TextIndex.Open(folder))
        {
            Assert.Equal(0, index.Position);
            Assert.Equal(0, index.Count);
            index.Apply([], [new("claim", "a", "Heavy losses.", "")], 7);
            Assert.Equal("a", Assert.Single(index.Search(Words("loss"), 10)).Id);
            index.Commit();
        }

        using var reopened = TextIndex.Open(folder); // now of this version: kept
        Assert.Equal(7, reopened.Position);
        Assert.Equal(1, reopened.Count);
    }


    /// <summary>A folder whose index cannot be read (a disk fault, a file removed by hand) starts over empty instead of stopping the server.</summary>
    [Fact]
    public void AnIndexThatCannotBeReadStartsOverEmpty()
    {
        using var temp = new TempFolder("text-index-");
        var folder = temp.Path;
        using (var index = TextIndex.Open(folder))
        {
            index.Apply([], [new("claim", "a", "Wheat exports.", "")], 3);
            index.Commit();
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.si"))
        {
            File.WriteAllBytes(file, [1, 2, 3]); // a segment's header, damaged
        }

        using (var damaged = TextIndex.Open(folder))
        {
            Assert.NotNull(damaged.Damage);
            Assert.Equal(0, damaged.Position);
            Assert.Equal(0, damaged.Count);
            damaged.Apply([], [new("claim", "b", "Rye exports.", "")], 5);
            damaged.Commit();
        }

        using var rebuilt = TextIndex.Open(folder);
        Assert.Null(rebuilt.Damage);
        Assert.Equal(5, rebuilt.Position);
        Assert.Equal("b", Assert.Single(rebuilt.Search(Words("rye"), 10)).Id);
    }

    [Fact]
    public void AHeldFolderIsRefusedOrTheNextFreeIsTakenAndItIsFreeAgainOnceDisposed()
    {
        using var temp = new TempFolder("text-index-");
        var folder = temp.Path;
        using (var first = TextIndex.Open(folder))
        {
            Assert.Throws<Lucene.Net.Store.LockObtainFailedException>(() => TextIndex.Open(folder, orTheNextFree: false));
            using var second = TextIndex.Open(folder);
            Assert.True(File.Exists(Path.Combine($"{folder}.2", "instance.lock")));
        }

        using var again = TextIndex.Open(folder, orTheNextFree: false);
    }

    /// <summary>A long text is looked up by its rarest concepts, kept in the text's order; a short one by all of them.</summary>
    [Fact]
    public void RarestKeepsTheGroupsFewestDocumentsHoldInTheQuerysOrder()
    {
        using var index = TextIndex.InMemory();
        index.Apply([], [
            new("claim", "a", "common usual wheat", ""), new("claim", "b", "common usual barley", ""), new("claim", "c", "common usual", ""),
            new("claim", "d", "common rye", ""), new("statement", "e", "common", "usual")], 1);

        var rarest = index.Rarest(Words("common wheat usual rye barley"), 3);

        Assert.Equal(["wheat", "rye", "barley"], rarest.Groups.Select(g => g.Alternatives[0][0]));
        var brief = Words("common wheat");
        Assert.Same(brief, index.Rarest(brief, 3));
    }

    /// <summary>MaxScore skips documents; it must return exactly what scoring every match returns.</summary>
    [Fact]
    public void MaxScoreReturnsWhatScoringEveryMatchReturns()
    {
        // A skewed vocabulary, so that some words are in most documents and others in few, as in news text.
        var vocabulary = Enumerable.Range(0, 40).Select(i => $"w{i}").ToArray();
        var word = Gen.Int[0, 1599].Select(i => vocabulary[(int)Math.Sqrt(i) % vocabulary.Length]);
        var text = word.Array[1, 12].Select(words => string.Join(' ', words));
        var corpus = Gen.Select(text, text).Array[20, 300];
        var alternative = word.Array[1, 2];
        var group = alternative.Array[1, 3];
        var query = group.Array[1, 5];

        Gen.Select(corpus, query, Gen.Int[1, 15], Gen.Int[0, 40]).Sample((documents, groups, k, skip) =>
        {
            using var index = TextIndex.InMemory();
            // In two batches, in an order that is not the ids' (several segments; equal scores ordered by id across them).
            var all = documents.Select((d, i) => new IndexedDocument(i % 3 == 0 ? "statement" : "claim", $"d{(i * 7919) % 10007:D5}", d.Item1, d.Item2)).ToList();
            index.Apply([], all.Take(all.Count / 2), 1);
            index.Apply([], all.Skip(all.Count / 2), 2);
            var fullText = new FullTextQuery([.. groups.Select(g => new FullTextGroup([.. g.Select(a => (IReadOnlyList<string>)[.. a])], []))]);

            var everything = index.SearchEveryMatch(fullText, int.MaxValue);
            var cursor = skip < everything.Count ? new RankCursor(everything[skip].Score, everything[skip].Key) : null;
            var expected = index.SearchEveryMatch(fullText, k, cursor);
            var actual = index.Search(fullText, k, after: cursor);

            Assert.Equal(expected.Select(h => h.Key), actual.Select(h => h.Key));
            Assert.Equal(expected.Select(h => h.Score), actual.Select(h => h.Score)); // sums of single-precision scores are exact in double
            Assert.Equal(everything.Skip(cursor is null ? 0 : skip + 1).Take(k).Select(h => h.Key), actual.Select(h => h.Key));
        }, iter: 300);
    }

    /// <summary>Facets count every live claim that matches any group (phrases included) and passes the filter, across segments with deletions.</summary>
    [Fact]
    public void FacetsCountEveryLiveMatchingClaimThatPassesTheFilter()
    {
        var vocabulary = Enumerable.Range(0, 12).Select(i => $"w{i}").ToArray();
        var word = Gen.Int[0, 143].Select(i => vocabulary[(int)Math.Sqrt(i) % vocabulary.Length]);
        var document = Gen.Select(word.Array[1, 8], Gen.Int[0, 2], Gen.Int[0, 3].Array[0, 3], Gen.Int[0, 2], Gen.Int[2019, 2024]);
        var corpus = document.Array[10, 120];
        var alternative = word.Array[1, 2];
        var query = alternative.Array[1, 2].Array[1, 3];

        Gen.Select(corpus, query, Gen.Int[0, 9], Gen.Bool).Sample((documents, groups, removedEvery, filtered) =>
        {
            using var index = TextIndex.InMemory();
            var all = documents.Select((d, i) => new IndexedDocument(i % 4 == 3 ? "statement" : "claim", $"d{i:D4}", string.Join(' ', d.Item1), "", Date: new DateOnly(d.Item5, 1 + (i % 12), 1))
            {
                Claimant = i % 4 == 3 ? null : $"c{d.Item2}", Mentions = i % 4 == 3 ? [] : [.. d.Item3.Select(m => $"e{m}")],
                ClaimKind = i % 4 == 3 ? null : d.Item4 == 0 ? "factual" : "opinion", Status = i % 4 == 3 ? null : "unverified",
            }).ToList();
            // Three batches (several segments), then some removed and some rewritten (deletions inside segments).
            var (third, twoThirds) = (all.Count / 3, 2 * all.Count / 3);
            index.Apply([], all.Take(third), 1);
            index.Apply([], all.Skip(third).Take(twoThirds - third), 2);
            index.Apply([], all.Skip(twoThirds), 3);
            var removed = removedEvery == 0 ? [] : all.Where((_, i) => i % (removedEvery + 1) == 0).ToList();
            var rewritten = all.Where((d, i) => i % 5 == 1 && !removed.Contains(d)).Select(d => d with { Title = "w0 " + d.Title }).ToList();
            index.Apply([.. removed.Concat(rewritten).Select(d => (d.Kind, d.Id))], rewritten, 4);
            var live = all.Except(removed).Select(d => rewritten.FirstOrDefault(r => r.Id == d.Id) ?? d).ToList();

            var fullText = new FullTextQuery([.. groups.Select(g => new FullTextGroup([.. g.Select(a => (IReadOnlyList<string>)[.. a])], []))]);
            var filter = filtered ? new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(IndexFields.ClaimKind, "factual")) : null;
            var actual = index.Facets(fullText, filter);
            Assert.Equal(index.FacetsEveryMatch(fullText, filter), actual, FacetCountsComparer);

            bool Matches(IndexedDocument d)
            {
                var words = d.Title.Split(' ');
                return groups.Any(g => g.Any(a => Enumerable.Range(0, words.Length - a.Length + 1).Any(i => words.Skip(i).Take(a.Length).SequenceEqual(a))));
            }

            var counted = live.Where(d => d.Kind == "claim" && Matches(d) && (!filtered || d.ClaimKind == "factual")).ToList();
            static Dictionary<TKey, int> Count<TKey>(IEnumerable<TKey> keys) where TKey : notnull => keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Count(counted.Select(d => d.Claimant!)), actual.Claimants);
            Assert.Equal(Count(counted.SelectMany(d => d.Mentions.Distinct())), actual.Mentioned);
            Assert.Equal(Count(counted.Select(d => d.ClaimKind!)), actual.Kinds);
            Assert.Equal(Count(counted.Select(d => d.Status!)), actual.Statuses);
            Assert.Equal(Count(counted.Select(d => d.Date!.Value.Year)), actual.Years);
        }, iter: 200);
    }

    /// <summary>Facet counts compared by content (Lucene's own disjunction and conjunction against the term-at-a-time count).</summary>
    private static readonly IEqualityComparer<FacetCounts> FacetCountsComparer = EqualityComparer<FacetCounts>.Create((a, b) =>
        a!.Claimants.OrderBy(c => c.Key).SequenceEqual(b!.Claimants.OrderBy(c => c.Key)) && a.Mentioned.OrderBy(c => c.Key).SequenceEqual(b.Mentioned.OrderBy(c => c.Key))
        && a.Kinds.OrderBy(c => c.Key).SequenceEqual(b.Kinds.OrderBy(c => c.Key)) && a.Statuses.OrderBy(c => c.Key).SequenceEqual(b.Statuses.OrderBy(c => c.Key))
        && a.Years.OrderBy(c => c.Key).SequenceEqual(b.Years.OrderBy(c => c.Key)));

    /// <summary>A folder of its own for a test, deleted with the folders an index opened beside it (<c>path.2</c>, …).</summary>
    private sealed class TempFolder(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose()
        {
            foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + "*"))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static FullTextQuery Words(string text) => new([.. FullTextQuery.Tokenize(text).Select(t => new FullTextGroup([[t]], []))]);
}
