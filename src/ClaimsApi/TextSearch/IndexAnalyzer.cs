using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ClaimsApi.TextSearch;

/// <summary>The Lucene analyzer of the text index: the terms of <see cref="TextAnalysis"/>, one position each.</summary>
internal sealed class IndexAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) => new(new TermsTokenizer(reader));

    private sealed class TermsTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute term;
        private IEnumerator<string>? terms;

        public TermsTokenizer(TextReader input) : base(input) => term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            ClearAttributes();
            terms ??= TextAnalysis.Terms(m_input.ReadToEnd()).GetEnumerator();
            if (!terms.MoveNext())
            {
                return false;
            }

            term.SetEmpty().Append(terms.Current);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            terms = null;
        }
    }
}
