using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;

namespace ClaimsApi.Seeding;

public static partial class SeedLoader
{
    // Entities: names and aliases (EntityRules), then the part-of references once all are known (PartOfRules).
    private sealed partial class Loader
    {
        private void ReadEntities(Source source)
        {
            var list = source.Curation.Entities ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var dto = list[i];
                var path = $"entities[{i}]";
                if (!ValidId(source, path, dto.Id) || Required(source, $"{path}.name", dto.Name, Limits.Name) is not { } name)
                {
                    continue;
                }

                if (!ParseKind<EntityKind>(source, $"{path}.kind", dto.Kind, out var kind))
                {
                    continue;
                }

                if (_entities.TryGetValue(dto.Id, out var existing))
                {
                    Problem(source, $"{path}.id", $"entity '{dto.Id}' is already defined in {Path.GetFileName(existing.Source.CurationFile)}");
                    continue;
                }

                if (dto.Wikidata is { } wikidata && !EntityRules.IsWikidataId(wikidata))
                {
                    Problem(source, $"{path}.wikidata", $"'{wikidata}' is not a Wikidata item id such as Q423");
                }

                if (EntityRules.NameProblem(name) is { } nameProblem)
                {
                    Problem(source, $"{path}.name", nameProblem);
                    continue;
                }

                var aliases = dto.Aliases ?? [];
                var rejected = new HashSet<int>();
                for (var a = 0; a < aliases.Count; a++)
                {
                    if (Required(source, $"{path}.aliases[{a}]", aliases[a], Limits.Name) is null)
                    {
                        rejected.Add(a);
                    }
                }

                foreach (var (a, message) in EntityRules.AliasProblems(name, aliases))
                {
                    Problem(source, $"{path}.aliases[{a}]", message);
                    rejected.Add(a);
                }

                var entity = EntityRules.Build(
                    dto.Id, name, kind, aliases.Where((_, a) => !rejected.Contains(a)), dto.Description, dto.Wikidata, dto.PartOf,
                    Path.GetFileName(source.CurationFile));
                _entities.Add(entity.Id, (entity, source, i));
            }
        }

        private void CheckEntityReferences()
        {
            foreach (var (entity, source, index) in _entities.Values)
            {
                var problem = PartOfRules.Check(
                    entity.Id, entity.PartOfId, _entities.ContainsKey, id => _entities.TryGetValue(id, out var e) ? e.Entity.PartOfId : null);
                if (problem is not null)
                {
                    Problem(source, $"entities[{index}].partOf", problem.Rule switch
                    {
                        PartOfRule.Self => "an entity cannot be part of itself",
                        PartOfRule.UnknownParent => $"unknown entity '{entity.PartOfId}'",
                        _ => $"partOf goes round in a circle: {ParentChains.Describe(problem.Cycle)}",
                    });
                }
            }
        }
    }
}
