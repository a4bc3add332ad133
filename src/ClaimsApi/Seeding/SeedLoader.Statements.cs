using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Domain.Text;

namespace ClaimsApi.Seeding;

public static partial class SeedLoader
{
    // Statements: anchored in their article by quote, then the nesting checked once all are known (StatementNesting).
    private sealed partial class Loader
    {
        private void ReadStatements(Source source)
        {
            var list = source.Curation.Statements ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var dto = list[i];
                var path = $"statements[{i}]";
                if (!ValidId(source, path, dto.Id))
                {
                    continue;
                }

                if (_statements.ContainsKey(dto.Id))
                {
                    Problem(source, $"{path}.id", $"statement '{dto.Id}' is defined twice");
                    continue;
                }

                var speakerOk = RequireEntity(source, $"{path}.speaker", dto.Speaker);
                Optional(source, $"{path}.cue", dto.Cue, Limits.Cue);
                var kindOk = ParseKind<StatementKind>(source, $"{path}.kind", dto.Kind, out var kind);
                if (dto.Source is { } sourceEntity)
                {
                    RequireEntity(source, $"{path}.source", sourceEntity);
                }

                var span = Anchoring.InArticle(source.Article.Text, dto.Exact, dto.Prefix, dto.Suffix, out var anchorProblem);
                if (anchorProblem is not null)
                {
                    Problem(source, $"{path}.exact", anchorProblem);
                }

                if (!speakerOk || !kindOk || span is null)
                {
                    continue;
                }

                _statements.Add(dto.Id, (new Statement
                {
                    Id = dto.Id,
                    ArticleId = source.ArticleId,
                    SpeakerId = dto.Speaker!,
                    Kind = kind,
                    Cue = dto.Cue,
                    Text = span.Text,
                    Start = span.Start,
                    End = span.End,
                    ParentId = dto.Parent,
                    SourceId = dto.Source,
                    SeedFile = Path.GetFileName(source.CurationFile),
                }, source));
            }
        }

        private void CheckStatementReferences()
        {
            foreach (var (statement, source) in _statements.Values)
            {
                if (statement.ParentId is not { } parentId)
                {
                    continue;
                }

                var problem = StatementNesting.Check(
                    statement.Id, parentId, StatementPlace.Of(statement),
                    id => _statements.TryGetValue(id, out var s) ? StatementPlace.Of(s.Statement) : null,
                    id => _statements.TryGetValue(id, out var s) ? s.Statement.ParentId : null);
                if (problem is not null)
                {
                    var path = $"statements[{source.Curation.Statements!.FindIndex(s => s.Id == statement.Id)}].parent";
                    Problem(source, path, problem.Rule switch
                    {
                        NestingRule.OwnParent => "a statement cannot be its own parent",
                        NestingRule.UnknownParent => $"unknown statement '{parentId}'",
                        NestingRule.OtherArticle or NestingRule.Outside => $"a nested statement must lie inside its parent, but '{statement.Id}' is not inside '{parentId}'",
                        _ => $"parent goes round in a circle through '{statement.Id}'",
                    });
                }
            }
        }
    }
}
