using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Synthetic;

internal sealed partial class SyntheticGenerator
{
    private void AddArticle(SyntheticBatch batch, int claimCount)
    {
        var articleId = Id("article", ++_articleCount, 7);
        var publishedOn = FirstDay.AddDays(_random.Next(LastDay.DayNumber - FirstDay.DayNumber + 1));
        var publisher = Skewed(_all.Publications);
        var cast = new ArticleCast(
            Skewed(_all.States), Skewed(_all.Places),
            [.. Enumerable.Range(0, 2 + _random.Next(3)).Select(_ => Skewed(_all.People)).Distinct()],
            [.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Skewed(_all.Organisations)).Distinct()],
            Skewed(_all.Treaties), publisher, publishedOn);

        var claims = new List<DraftClaim>(claimCount);
        for (var i = 0; i < claimCount; i++)
        {
            claims.Add(NewClaim(cast));
        }

        // Body sentences: one carrying each claim, reactions and notes (about as many again as claims, less
        // the lead and partial quotes, so that statements ≈ 2 × claims), and some background without statements.
        var sentences = new List<Sentence>();
        var statementsSoFar = 1;
        for (var i = 0; i < claims.Count; i++)
        {
            var sentence = ClaimSentence(claims[i], i, cast);
            sentences.Add(sentence);
            statementsSoFar += 1 + sentence.Statements.Count(s => s.Kind == StatementKind.PartialQuote);
        }

        var target = 2 * claimCount - 1 + _random.Next(3);
        while (statementsSoFar < target)
        {
            sentences.Insert(1 + _random.Next(sentences.Count), _random.Next(3) == 0 ? NoteSentence(cast) : ReactionSentence(cast));
            statementsSoFar++;
        }

        for (var i = _random.Next(1 + (claimCount / 3)); i > 0; i--)
        {
            sentences.Insert(_random.Next(sentences.Count + 1), BackgroundSentence(cast));
        }

        var lead = LeadSentence(claims[0], cast);
        var title = Title(claims[0]);

        // Assemble the text in the seed layout, tracking each sentence's position in code points.
        var text = new StringBuilder(4096);
        var codePoints = 0;
        void Append(string value)
        {
            text.Append(value);
            codePoints += CodePoints.Length(value);
        }

        var paragraphs = new List<(ParagraphRole Role, int Start, int End, string Text, string? Artifact)>();
        var placed = new List<(Sentence Sentence, int CodePoint)>();
        Append(" date " + publishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " ");
        placed.Add((lead, codePoints));
        var leadStart = codePoints;
        Append(lead.Text);
        paragraphs.Add((ParagraphRole.Lead, leadStart, codePoints, lead.Text, null));
        Append("\n\n");
        var titleStart = codePoints;
        Append(title);
        paragraphs.Add((ParagraphRole.Title, titleStart, codePoints, title, null));

        for (var i = 0; i < sentences.Count;)
        {
            var take = Math.Min(sentences.Count - i, 1 + _random.Next(3));
            Append("\n\n");
            var start = codePoints;
            var paragraph = new StringBuilder();
            for (var j = 0; j < take; j++)
            {
                if (j > 0)
                {
                    Append(" ");
                    paragraph.Append(' ');
                }

                placed.Add((sentences[i + j], codePoints));
                Append(sentences[i + j].Text);
                paragraph.Append(sentences[i + j].Text);
            }

            // Now and then a scraped "Share" button after the paragraph: in the text, outside the paragraph's span.
            var end = codePoints;
            string? artifact = null;
            if (_random.Next(50) == 0)
            {
                artifact = "Share";
                Append(" Share");
            }

            paragraphs.Add((ParagraphRole.Body, start, end, paragraph.ToString(), artifact));
            i += take;
        }

        var articleText = text.ToString();
        batch.Add(Tables.Articles, articleId, title, lead.Text, publishedOn, nameof(DatePrecision.Day), articleText, "en", publisher.Id,
            $"https://{Slug(publisher.Name)}.example/{publishedOn.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)}/{articleId}",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(articleText))));
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            batch.Add(Tables.Paragraphs, articleId, i, p.Role.ToString(), p.Start, p.End, p.Text, p.Artifact);
        }

        // Statements in text order (a parent before its partial quotes), then the claims with their evidence.
        var evidence = new (string StatementId, int Start, int End, string Text)[claims.Count];
        foreach (var (sentence, at) in placed)
        {
            var ids = new string[sentence.Statements.Count];
            for (var s = 0; s < sentence.Statements.Count; s++)
            {
                var draft = sentence.Statements[s];
                ids[s] = Id("statement", ++_statementCount, 8);
                var start = at + CodePoints.FromUtf16(sentence.Text, draft.Start);
                var end = at + CodePoints.FromUtf16(sentence.Text, draft.End);
                batch.Add(Tables.Statements, ids[s], articleId, draft.Speaker.Id, draft.Kind.ToString(), draft.Cue,
                    sentence.Text[draft.Start..draft.End], start, end, draft.Parent is { } parent ? ids[parent] : null, draft.Source?.Id, nameof(WorkflowState.Published));
                if (draft.Claim is { } claim)
                {
                    var evidenceStart = at + CodePoints.FromUtf16(sentence.Text, draft.EvidenceStart);
                    var evidenceEnd = at + CodePoints.FromUtf16(sentence.Text, draft.EvidenceEnd);
                    evidence[claim] = (ids[s], evidenceStart, evidenceEnd, sentence.Text[draft.EvidenceStart..draft.EvidenceEnd]);
                }
            }
        }

        var firstClaim = _claimCount + 1;
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            var id = Id("claim", ++_claimCount, 7);
            batch.Add(Tables.Claims, id, claim.Text, claim.Claimant.Id, claim.Kind.ToString(), claim.ClaimedOn,
                claim.Subject, claim.Predicate, claim.Object, claim.Status.ToString(), articleId, nameof(WorkflowState.Published));
            var (statementId, start, end, quote) = evidence[i];
            batch.Add(Tables.Evidence, id, 0, statementId, start, end, quote);
            foreach (var entity in claim.Mentions)
            {
                batch.Add(Tables.Mentions, id, entity.Id);
            }

            for (var q = 0; q < claim.Qualifiers.Count; q++)
            {
                var (name, value, entity) = claim.Qualifiers[q];
                batch.Add(Tables.Qualifiers, id, q, name, value, entity?.Id);
            }

            // Links always point back, to a claim already written: within the article (refines/supports) or anywhere before.
            string? local = null;
            if (i > 0 && _random.Next(4) == 0)
            {
                local = Id("claim", firstClaim + _random.Next(i), 7);
                batch.Add(Tables.Links, id, local, (_random.Next(2) == 0 ? ClaimLinkKind.Refines : ClaimLinkKind.Supports).ToString());
            }

            if (_claimCount > 1 && _random.Next(25) == 0)
            {
                var other = Id("claim", 1 + _random.Next(_claimCount - 1), 7);
                if (other != local)
                {
                    batch.Add(Tables.Links, id, other, (_random.Next(3) == 0 ? ClaimLinkKind.SameAs : ClaimLinkKind.Contradicts).ToString());
                }
            }
        }
    }
}
