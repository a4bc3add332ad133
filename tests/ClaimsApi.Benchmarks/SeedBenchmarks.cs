using BenchmarkDotNet.Attributes;
using ClaimsApi.Domain.Text;
using ClaimsApi.Seeding;

namespace ClaimsApi.Benchmarks;

/// <summary>The pure start-up work: parsing the article, anchoring quotes, validating the whole seeds folder.</summary>
[MemoryDiagnoser]
public class SeedBenchmarks
{
    private static readonly string Seeds = Path.Combine(AppContext.BaseDirectory, "seeds");
    private string _article = "";

    [GlobalSetup]
    public void Setup() => _article = File.ReadAllText(Path.Combine(Seeds, "000_9c422c9df4965fec.txt"));

    [Benchmark]
    public ParsedArticle ParseArticle() => ArticleParser.Parse(_article);

    [Benchmark]
    public AnchorResult AnchorQuoteWithPrefix() => TextQuote.Find(_article, "it is noted that", prefix: "specified, but ");

    [Benchmark]
    public int CodePointOffsetAtEnd() => CodePoints.FromUtf16(_article, _article.Length);

    [Benchmark]
    public SeedSet LoadSeedsFolder() => SeedLoader.Load(Seeds);
}
