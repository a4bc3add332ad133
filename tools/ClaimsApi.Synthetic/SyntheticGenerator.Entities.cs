using ClaimsApi.Domain;

// System.Random is the point here: a seeded, reproducible stream, not a secret.
#pragma warning disable CA5394

namespace ClaimsApi.Synthetic;

internal sealed partial class SyntheticGenerator
{
    private Cast CreateEntities(SyntheticBatch batch)
    {
        var total = Math.Clamp(_options.Claims / 50, 300, 20_000);
        var cast = new Cast();
        var numbers = new Dictionary<EntityKind, int>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        SynEntity Add(EntityKind kind, string name, IEnumerable<string> aliases, string description, string? partOf = null, string? role = null)
        {
            numbers[kind] = numbers.GetValueOrDefault(kind) + 1;
            var entity = new SynEntity(
                Id(EnumNames.Of(kind), numbers[kind], 5), name, kind,
                [.. aliases.Where(a => a != name).Distinct(StringComparer.Ordinal).Take(4)], role ?? name);
            names.Add(name);
            batch.Add(Tables.Entities, entity.Id, name, TextFolding.Fold(name), kind.ToString(), description, partOf);
            foreach (var alias in entity.Aliases)
            {
                batch.Add(Tables.EntityAliases, entity.Id, alias, TextFolding.Fold(alias));
            }

            return entity;
        }

        var publications = Math.Clamp(total / 300, 8, 60);
        for (var i = 0; i < publications; i++)
        {
            var town = i < Vocabulary.RealPlaces.Length ? Vocabulary.RealPlaces[i].Split('|')[0] : UniqueTownName(names);
            var name = $"The {town} {Pick(Vocabulary.Mastheads)}";
            if (!names.Add(name))
            {
                name = $"The {UniqueTownName(names)} {Pick(Vocabulary.Mastheads)}";
            }

            cast.Publications.Add(Add(EntityKind.Publication, name, [name[4..], Acronym(name[4..])], "A synthetic news outlet."));
        }

        foreach (var line in Vocabulary.States)
        {
            var parts = line.Split('|');
            var state = Add(EntityKind.State, parts[0], parts[1].Split(';'), $"A state (synthetic data; real name, invented events). Capital: {parts[2]}.");
            cast.States.Add(state);
            cast.ArmedForces.Add(Add(EntityKind.ArmedForces, $"Armed Forces of {parts[0]}",
                [$"{parts[0]} armed forces", $"{parts[0]} military", $"{parts[0]} troops"], $"The armed forces of {parts[0]} (synthetic).", state.Id));
        }

        foreach (var line in Vocabulary.RealPlaces)
        {
            var parts = line.Split('|');
            cast.Places.Add(Add(EntityKind.Place, parts[0], parts[1].Split(';'), "A city (synthetic data; real name, invented events)."));
        }

        foreach (var line in Vocabulary.FamousPeople)
        {
            var parts = line.Split('|');
            cast.People.Add(Add(EntityKind.Person, parts[0], parts[1].Split(';'), $"{Capitalise(parts[2])} (synthetic quotes and claims).", role: parts[2]));
        }

        foreach (var line in Vocabulary.FamousOrganisations)
        {
            var parts = line.Split('|');
            cast.Organisations.Add(Add(EntityKind.Organisation, parts[0], parts[1].Split(';'), "An organisation (synthetic)."));
        }

        var rest = Math.Max(0, total - numbers.Values.Sum());
        var places = rest * 12 / 100;
        var organisations = rest * 25 / 100;
        var treaties = Math.Max(3, rest * 3 / 100);
        var treatyArticles = Math.Max(3, rest * 2 / 100);
        var events = Math.Max(3, rest * 2 / 100);
        var documents = Math.Max(3, rest / 100);
        var people = Math.Max(10, rest - places - organisations - treaties - treatyArticles - events - documents);

        for (var i = 0; i < places; i++)
        {
            var name = UniqueTownName(names);
            var state = Pick(cast.States);
            var aliases = Some([$"{name} region", $"{name} district", $"Greater {name}", $"{name} municipality"], 1, 3);
            cast.Places.Add(Add(EntityKind.Place, name, aliases, $"A town in {state.Name} (invented).", state.Id));
        }

        for (var i = 0; i < organisations; i++)
        {
            var (name, aliases) = OrganisationName(cast, names);
            cast.Organisations.Add(Add(EntityKind.Organisation, name, aliases, "An organisation (invented)."));
        }

        for (var i = 0; i < people; i++)
        {
            string first, last, name;
            do
            {
                first = Pick(Vocabulary.FirstNames);
                last = Pick(Vocabulary.Surnames);
                name = $"{first} {last}";
            }
            while (names.Contains(name));

            var (role, title) = PersonRole(cast);
            var initial = first[..(char.IsSurrogate(first[0]) ? 2 : 1)];
            var middle = (char)('A' + _random.Next(26));
            var aliases = Some([$"{initial}. {last}", $"{title} {last}", $"{first} {middle}. {last}", $"{title} {first} {last}"], 1, 4);
            cast.People.Add(Add(EntityKind.Person, name, aliases, $"{Capitalise(role)} (invented).", role: role));
        }

        for (var i = 0; i < treaties; i++)
        {
            var topic = Pick(Vocabulary.Topics);
            var place = Skewed(cast.Places);
            var (name, aliases) = _random.Next(3) switch
            {
                0 => ($"{place.Name} Accord on {Capitalise(topic)}", new[] { $"the {place.Name} Accord", $"{place.Name} accord", $"{topic} accord" }),
                1 => ($"{Pick(cast.States).Name}–{Pick(cast.States).Name} {Capitalise(topic)} Agreement", [$"{topic} agreement", $"bilateral {topic} agreement"]),
                _ => ($"Treaty of {place.Name} on {Capitalise(topic)}", [$"Treaty of {place.Name}", $"{place.Name} treaty"]),
            };
            if (!names.Add(name))
            {
                name += $" ({2015 + _random.Next(12)})";
            }

            cast.Treaties.Add(Add(EntityKind.Treaty, name, Some(aliases, 1, 3), "A treaty (invented)."));
        }

        for (var i = 0; i < treatyArticles; i++)
        {
            var treaty = cast.Treaties[i % cast.Treaties.Count];
            var number = 1 + (i / cast.Treaties.Count);
            cast.TreatyArticles.Add(Add(EntityKind.TreatyArticle, $"Article {number} of the {treaty.Name}",
                [$"Article {number}", $"Article {number} of the {treaty.Aliases[0]}"], $"Article {number} of the {treaty.Name} (invented).", treaty.Id));
        }

        for (var i = 0; i < events; i++)
        {
            var place = Skewed(cast.Places);
            var year = 2015 + _random.Next(12);
            var what = Pick(Vocabulary.EventNouns);
            var name = $"{year} {place.Name} {what}";
            if (!names.Add(name))
            {
                name = $"{name} ({i})";
            }

            cast.Events.Add(Add(EntityKind.Event, name, [$"{place.Name} {what}", $"the {what} in {place.Name}"], "An event (invented)."));
        }

        for (var i = 0; i < documents; i++)
        {
            var organisation = Skewed(cast.Organisations);
            var year = 2015 + _random.Next(12);
            var name = $"{organisation.Name} {Pick(Vocabulary.DocumentNouns)} {year}";
            if (!names.Add(name))
            {
                name = $"{name} ({i})";
            }

            cast.Documents.Add(Add(EntityKind.Document, name, [$"{organisation.Aliases[0]} report {year}"], "A document (invented)."));
        }

        return cast;
    }

    private string UniqueTownName(HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = Pick(Vocabulary.TownStarts) + Pick(Vocabulary.TownEnds);
            if (attempt > 20)
            {
                name = Pick(Vocabulary.TownPrefixes) + " " + name;
            }

            if (taken.Add(name))
            {
                return name;
            }
        }
    }

    private (string Name, string[] Aliases) OrganisationName(Cast cast, HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var root = _random.Next(2) == 0 ? Pick(cast.Places).Name : Pick(Vocabulary.Surnames);
            var topic = Capitalise(Pick(Vocabulary.Topics));
            var state = Skewed(cast.States).Name;
            (string Name, string[] Aliases) candidate = _random.Next(10) switch
            {
                < 4 => ($"{root} {Pick(Vocabulary.Industries)} {Pick(Vocabulary.CompanySuffixes)}", []),
                < 6 => ($"Ministry of {topic} of {state}", [$"{state} {topic} Ministry", $"{state}'s Ministry of {topic}"]),
                < 7 => ($"{root} Union of {Pick(Vocabulary.Workers)}", []),
                < 8 => ($"Institute for {topic} Studies", [$"{topic} Institute"]),
                < 9 => ($"{Pick(Vocabulary.Adjectives)} Council for {topic}", []),
                _ => ($"{root} Chamber of Commerce", [$"{root} chamber"]),
            };
            if (candidate.Name.StartsWith("Institute", StringComparison.Ordinal) || candidate.Name.Contains("Council", StringComparison.Ordinal))
            {
                candidate.Name = $"{candidate.Name} of {state}";
            }

            if (taken.Contains(candidate.Name) && attempt < 20)
            {
                continue;
            }

            if (taken.Contains(candidate.Name))
            {
                candidate.Name += $" {attempt}";
            }

            var words = candidate.Name.Split(' ');
            var shortName = words.Length > 2 ? string.Join(' ', words[..^1]) : candidate.Name;
            string[] aliases = [Acronym(candidate.Name), .. candidate.Aliases, shortName];
            return (candidate.Name, Some(aliases, 1, 3));
        }
    }

    private (string Role, string Title) PersonRole(Cast cast)
    {
        var state = Skewed(cast.States).Name;
        return _random.Next(10) switch
        {
            0 => ($"the prime minister of {state}", "Prime Minister"),
            1 => ($"the {Pick(Vocabulary.Topics)} minister of {state}", "Minister"),
            2 => ($"a senator from {Pick(cast.Places).Name}", "Senator"),
            3 => ($"the mayor of {Pick(cast.Places).Name}", "Mayor"),
            4 => ($"the governor of {Pick(cast.Places).Name}", "Governor"),
            5 => ($"a spokesperson for {Pick(cast.Organisations).Name}", "spokesperson"),
            6 => ($"the chief executive of {Pick(cast.Organisations).Name}", "CEO"),
            7 => ($"an economist at {Pick(cast.Organisations).Name}", "Dr"),
            8 => ($"a lawmaker from {Pick(cast.Places).Name}", "MP"),
            _ => ($"a general of the armed forces of {state}", "General"),
        };
    }

    private static string Acronym(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("of" or "for" or "the" or "and" or "on") && char.IsLetter(w[0]))
            .Select(w => char.ToUpperInvariant(w[0])));
}
