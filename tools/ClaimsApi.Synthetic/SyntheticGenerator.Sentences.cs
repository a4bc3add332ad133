using System.Text;
using ClaimsApi.Domain;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Synthetic;

internal sealed partial class SyntheticGenerator
{
    /// <summary>The sentence that carries claim <paramref name="index"/>, in one of several attributions.</summary>
    private Sentence ClaimSentence(DraftClaim claim, int index, ArticleCast cast)
    {
        var speaker = claim.Claimant;
        var text = new StringBuilder();
        var statements = new List<DraftStatement>();

        if (speaker.Kind == EntityKind.Publication)
        {
            // The publication's own assertion: the whole sentence is the statement.
            var subject = Capitalise(claim.SubjectPhrase.Render(Mention));
            text.Append(subject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.Predicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var evidenceEnd = text.Length;
            if (_random.Next(2) == 0)
            {
                text.Append(", ").Append(Pick(Vocabulary.Sourcing));
            }

            text.Append('.');
            var wholeSentence = _random.Next(2) == 0;
            statements.Add(new DraftStatement(StatementKind.PublisherNote, speaker, null, 0, text.Length, null, null, index,
                wholeSentence ? 0 : evidenceStart, wholeSentence ? text.Length : evidenceEnd));
            return new Sentence(text.ToString(), statements);
        }

        var quoteSubject = claim.SubjectPhrase.Entity == speaker ? "We" : Capitalise(claim.SubjectPhrase.Render(Mention));
        var form = _random.Next(100);
        if (form < 40)
        {
            // Reported speech: Speaker[, role,] said [on Monday] that subject predicate object[, a step that was "…"].
            text.Append(Capitalise(Mention(speaker)));
            if (speaker.Kind == EntityKind.Person && _random.Next(2) == 0)
            {
                text.Append(", ").Append(speaker.Role).Append(',');
            }

            var cue = Pick(claim.Kind is ClaimKind.Prediction or ClaimKind.Opinion ? Vocabulary.WarningCues : Vocabulary.Cues);
            if (_random.Next(3) == 0)
            {
                cue += " on " + Pick(Vocabulary.Weekdays);
            }

            cue += " that";
            text.Append(' ').Append(cue).Append(' ');
            var start = text.Length;
            text.Append(claim.SubjectPhrase.Entity != speaker ? claim.SubjectPhrase.Render(Mention) : speaker.Kind == EntityKind.Person ? "they" : "it").Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.ReportedPredicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var evidenceEnd = text.Length;
            var fragment = _random.Next(5) == 0 ? Pick(Vocabulary.Fragments) : null;
            int fragmentStart = 0, fragmentEnd = 0;
            if (fragment is not null)
            {
                text.Append(", a step ").Append(_random.Next(2) == 0 ? "that was " : "described as ").Append('"');
                fragmentStart = text.Length;
                text.Append(fragment);
                fragmentEnd = text.Length;
                text.Append('"');
            }

            var end = text.Length;
            text.Append('.');
            var whole = _random.Next(3) == 0;
            statements.Add(new DraftStatement(StatementKind.ReportedSpeech, speaker, cue, start, end, null, Source(), index,
                whole ? start : evidenceStart, whole ? end : evidenceEnd));
            if (fragment is not null)
            {
                statements.Add(new DraftStatement(StatementKind.PartialQuote, speaker, null, fragmentStart, fragmentEnd, 0, null, null, 0, 0));
            }
        }
        else if (form < 60)
        {
            // Trailing attribution: Subject predicate object, Speaker said [on Monday].
            var subject = Capitalise(claim.SubjectPhrase.Render(Mention));
            text.Append(subject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.ReportedPredicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var end = text.Length;
            var cue = Pick(Vocabulary.TrailingCues);
            text.Append(", ").Append(Mention(speaker)).Append(' ').Append(cue);
            if (_random.Next(2) == 0)
            {
                text.Append(" on ").Append(Pick(Vocabulary.Weekdays));
            }

            text.Append('.');
            var whole = _random.Next(3) == 0;
            statements.Add(new DraftStatement(StatementKind.ReportedSpeech, speaker, cue, 0, end, null, Source(), index, whole ? 0 : evidenceStart, end));
        }
        else if (form < 85)
        {
            // Direct quote first: "Subject predicate object," Speaker[, role,] said.
            text.Append('"');
            var start = text.Length;
            text.Append(quoteSubject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.Predicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var end = text.Length;
            var cue = Pick(Vocabulary.TrailingCues);
            text.Append(",\" ").Append(Mention(speaker));
            if (speaker.Kind == EntityKind.Person && _random.Next(2) == 0)
            {
                text.Append(", ").Append(speaker.Role).Append(',');
            }

            text.Append(' ').Append(cue).Append('.');
            var whole = _random.Next(3) == 0;
            statements.Add(new DraftStatement(StatementKind.DirectQuote, speaker, cue, start, end, null, null, index, whole ? start : evidenceStart, end));
        }
        else
        {
            // Direct quote last: Speaker said: "Subject predicate object."
            text.Append(Capitalise(Mention(speaker))).Append(" said: \"");
            var start = text.Length;
            text.Append(quoteSubject).Append(' ');
            var evidenceStart = text.Length;
            text.Append(claim.Predicate).Append(' ').Append(claim.ObjectPhrase.Render(Mention));
            var evidenceEnd = text.Length;
            text.Append('.');
            var end = text.Length;
            text.Append('"');
            statements.Add(new DraftStatement(StatementKind.DirectQuote, speaker, "said", start, end, null, null, index, evidenceStart, evidenceEnd));
        }

        return new Sentence(text.ToString(), statements);
    }

    private SynEntity? Source() => _random.Next(20) == 0 ? Skewed(_all.Documents) : null;

    /// <summary>The lead: the first claim reported by the publication, itself a statement carrying no evidence.</summary>
    private Sentence LeadSentence(DraftClaim claim, ArticleCast cast)
    {
        var speaker = claim.Claimant;
        if (speaker.Kind == EntityKind.Publication)
        {
            var plain = $"{Capitalise(claim.SubjectText)} {claim.Predicate} {claim.ObjectText}, according to {Pick(Vocabulary.LeadSources)}.";
            return new Sentence(plain, [new DraftStatement(StatementKind.PublisherNote, cast.Publisher, null, 0, plain.Length - 1, null, null, null, 0, 0)]);
        }

        var cue = Pick(Vocabulary.Cues) + " on " + Pick(Vocabulary.Weekdays) + " that";
        var head = $"{Capitalise(speaker.Name)} {cue} ";
        var reported = $"{claim.SubjectText} {claim.ReportedPredicate} {claim.ObjectText}";
        return new Sentence(head + reported + ".", [new DraftStatement(StatementKind.ReportedSpeech, speaker, cue, head.Length, head.Length + reported.Length, null, null, null, 0, 0)]);
    }

    private string Title(DraftClaim claim) => _random.Next(3) switch
    {
        0 when claim.Claimant.Kind != EntityKind.Publication => $"{claim.Claimant.Name} says {claim.SubjectText} {claim.ReportedPredicate} {claim.ObjectText}",
        1 when claim.Kind == ClaimKind.Prediction => $"{Capitalise(claim.SubjectText)} to {claim.BaseForm} {claim.ObjectText}",
        _ => $"{Capitalise(claim.SubjectText)} {claim.Predicate} {claim.ObjectText}",
    };

    private Sentence ReactionSentence(ArticleCast cast)
    {
        var speaker = _random.Next(3) == 0 ? Skewed(_all.People) : Pick(cast.People);
        var words = Fill(Pick(Vocabulary.Reactions), cast, []).Render(Mention);
        var cue = Pick(Vocabulary.TrailingCues);
        var text = $"\"{words},\" {Mention(speaker)}{(_random.Next(2) == 0 ? $", {speaker.Role}," : "")} {cue}.";
        return new Sentence(text, [new DraftStatement(StatementKind.DirectQuote, speaker, cue, 1, 1 + words.Length, null, null, null, 0, 0)]);
    }

    private Sentence NoteSentence(ArticleCast cast)
    {
        var text = Capitalise(Fill(Pick(Vocabulary.Notes), cast, []).Render(Mention));
        return new Sentence(text, [new DraftStatement(StatementKind.PublisherNote, cast.Publisher, null, 0, text.Length, null, null, null, 0, 0)]);
    }

    private Sentence BackgroundSentence(ArticleCast cast) =>
        new(Capitalise(Fill(Pick(Vocabulary.Background), cast, []).Render(Mention)), []);

    /// <summary>How the text names an entity: mostly its name, sometimes one of its aliases.</summary>
    private string Mention(SynEntity entity) =>
        entity.Aliases.Length > 0 && _random.Next(100) < 35 ? entity.Aliases[_random.Next(entity.Aliases.Length)] : entity.Name;
}
