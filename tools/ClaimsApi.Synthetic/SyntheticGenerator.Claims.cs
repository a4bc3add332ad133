using System.Globalization;
using ClaimsApi.Domain;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Synthetic;

internal sealed partial class SyntheticGenerator
{
    private DraftClaim NewClaim(ArticleCast cast)
    {
        var roll = _random.Next(100);
        var kind = roll switch
        {
            < 55 => ClaimKind.Factual,
            < 70 => ClaimKind.Prediction,
            < 80 => ClaimKind.Causal,
            < 88 => ClaimKind.Legal,
            _ => ClaimKind.Opinion,
        };

        var speaker = _random.Next(100) switch
        {
            < 45 => Pick(cast.People),
            < 72 => Pick(cast.Organisations),
            < 90 => cast.State,
            _ => cast.Publisher,
        };

        var mentioned = new List<SynEntity>();
        var qualifiers = new List<(string, string, SynEntity?)>();
        Phrase subject, @object;
        string predicate, reportedPredicate, baseForm = "";
        switch (kind)
        {
            case ClaimKind.Factual or ClaimKind.Prediction:
            {
                var action = Pick(Vocabulary.Actions);
                var parts = action.Split('|');
                var actor = _random.Next(3) == 0 && speaker.Kind != EntityKind.Publication ? speaker : Actor(cast, military: parts[0] == "m");
                subject = Phrase.Of(actor);
                @object = Fill(parts[3], cast, mentioned);
                baseForm = parts[1];
                if (kind == ClaimKind.Prediction)
                {
                    var when = _random.Next(2) == 0 ? $" by {cast.PublishedOn.Year + 1 + _random.Next(3)}" : $" before {Pick(Vocabulary.Months)}";
                    @object = @object.Append(when);
                    predicate = "will " + parts[1];
                    reportedPredicate = "would " + parts[1];
                }
                else
                {
                    predicate = reportedPredicate = parts[2];
                }

                break;
            }

            case ClaimKind.Causal:
                subject = Fill(Pick(Vocabulary.Causes), cast, mentioned);
                predicate = reportedPredicate = Pick(Vocabulary.CausalVerbs);
                @object = Fill(Pick(Vocabulary.Effects), cast, mentioned);
                break;

            case ClaimKind.Legal:
            {
                var treaty = _random.Next(4) == 0 ? Pick(_all.TreatyArticles) : cast.Treaty;
                subject = _random.Next(3) == 0
                    ? Fill($"the {Pick(Vocabulary.Topics)} law of {{state}}", cast, mentioned)
                    : Phrase.Of(Actor(cast, military: false));
                predicate = reportedPredicate = subject.Entity is null ? Pick(Vocabulary.LegalStates) : Pick(Vocabulary.LegalActs);
                @object = Phrase.Of(treaty);
                qualifiers.Add(("legal-basis", treaty.Name, treaty));
                break;
            }

            default:
                subject = Fill(Pick(Vocabulary.OpinionSubjects), cast, mentioned);
                predicate = reportedPredicate = cast.PublishedOn.Day % 2 == 0 ? "is" : "was";
                @object = Fill(Pick(Vocabulary.Judgements), cast, mentioned);
                break;
        }

        if (subject.Entity is { } s)
        {
            mentioned.Insert(0, s);
        }

        if (@object.Entity is { } o)
        {
            mentioned.Add(o);
        }

        if (speaker.Kind != EntityKind.Publication)
        {
            mentioned.Add(speaker);
        }

        mentioned.Add(cast.State);
        mentioned.Add(cast.Place);
        var mentions = mentioned.Distinct().Take(2 + _random.Next(3)).ToList();

        if (mentions.FirstOrDefault(m => m.Kind == EntityKind.Place) is { } place && _random.Next(2) == 0)
        {
            qualifiers.Add(("location", place.Name, place));
        }

        if (_random.Next(6) == 0)
        {
            qualifiers.Add(("time", cast.PublishedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture), null));
        }

        var status = _random.Next(100) switch
        {
            < 86 => VerificationStatus.Unverified,
            < 89 => VerificationStatus.True,
            < 91 => VerificationStatus.MostlyTrue,
            < 93 => VerificationStatus.Mixture,
            < 95 => VerificationStatus.MostlyFalse,
            < 98 => VerificationStatus.False,
            _ => VerificationStatus.Unproven,
        };

        var claimedOn = _random.Next(10) == 0 ? cast.PublishedOn.AddDays(-1 - _random.Next(3)) : cast.PublishedOn;
        var subjectText = subject.Render(e => e.Name);
        var objectText = @object.Render(e => e.Name);
        var text = $"{Capitalise(subjectText)} {predicate} {objectText}.";
        return new DraftClaim(kind, speaker, subject, predicate, reportedPredicate, baseForm, @object, text, subjectText, objectText,
            claimedOn, status, mentions, qualifiers);
    }

    private SynEntity Actor(ArticleCast cast, bool military)
    {
        if (military)
        {
            return _random.Next(2) == 0 ? cast.State : _all.ArmedForces[_all.States.IndexOf(cast.State)];
        }

        return _random.Next(3) switch
        {
            0 => Pick(cast.People),
            1 => Pick(cast.Organisations),
            _ => cast.State,
        };
    }

    /// <summary>Fills a template's slots: entities from the article's cast (mostly) or anywhere, and numbers.</summary>
    private Phrase Fill(string template, ArticleCast cast, List<SynEntity> mentioned)
    {
        var parts = new List<Part>();
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            if (open < 0)
            {
                parts.Add(new Part(template[at..], null));
                break;
            }

            if (open > at)
            {
                parts.Add(new Part(template[at..open], null));
            }

            var close = template.IndexOf('}', open);
            var slot = template[(open + 1)..close];
            at = close + 1;
            var entity = slot switch
            {
                "place" => _random.Next(10) < 6 ? cast.Place : Skewed(_all.Places),
                "state" => _random.Next(10) < 4 ? cast.State : Skewed(_all.States),
                "org" => _random.Next(10) < 7 ? Pick(cast.Organisations) : Skewed(_all.Organisations),
                "person" => _random.Next(10) < 7 ? Pick(cast.People) : Skewed(_all.People),
                "event" => Skewed(_all.Events),
                _ => null,
            };
            if (entity is not null)
            {
                mentioned.Add(entity);
                parts.Add(new Part(null, entity));
                continue;
            }

            parts.Add(new Part(slot switch
            {
                "topic" => Pick(Vocabulary.Topics),
                "commodity" => Pick(Vocabulary.Commodities),
                "facility" => Pick(Vocabulary.Facilities),
                "infra" => Pick(Vocabulary.Infrastructure),
                "pct" => _random.Next(3) == 0 ? $"{1 + _random.Next(60)}%" : $"{1 + _random.Next(60)} per cent",
                "count" => Count(),
                "tonnes" => $"{Count()} tonnes",
                "km" => $"{5 + _random.Next(400)} kilometres",
                "money" => Money(),
                "year" => (cast.PublishedOn.Year + _random.Next(4)).ToString(CultureInfo.InvariantCulture),
                "month" => Pick(Vocabulary.Months),
                "weekday" => Pick(Vocabulary.Weekdays),
                _ => throw new InvalidOperationException($"Unknown slot {{{slot}}} in '{template}'."),
            }, null));
        }

        return new Phrase(parts, parts.Count == 1 ? parts[0].Entity : null);
    }

    private string Count()
    {
        var magnitude = _random.Next(4);
        var value = magnitude switch
        {
            0 => 2 + _random.Next(48),
            1 => 50 + _random.Next(950),
            2 => 1_000 + _random.Next(9_000),
            _ => 10_000 + _random.Next(490_000),
        };
        return value.ToString("N0", CultureInfo.InvariantCulture);
    }

    private string Money() => _random.Next(5) switch
    {
        0 => $"{1 + _random.Next(900)} million euros",
        1 => $"{1 + _random.Next(900)} million dollars",
        2 => string.Create(CultureInfo.InvariantCulture, $"{1 + _random.Next(40)}.{_random.Next(10)} billion dollars"),
        3 => $"£{1 + _random.Next(500)} million",
        _ => $"€{1 + _random.Next(500)} million",
    };
}
