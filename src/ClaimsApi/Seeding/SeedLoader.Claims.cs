using System.Globalization;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Text;

namespace ClaimsApi.Seeding;

public static partial class SeedLoader
{
    // Claims: their fields, evidence anchored in statements, mentions and qualifiers, then the links between claims.
    private sealed partial class Loader
    {
        private void ReadClaims(Source source)
        {
            var list = source.Curation.Claims ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var dto = list[i];
                var path = $"claims[{i}]";
                if (!ValidId(source, path, dto.Id))
                {
                    continue;
                }

                if (_claims.ContainsKey(dto.Id))
                {
                    Problem(source, $"{path}.id", $"claim '{dto.Id}' is defined twice");
                    continue;
                }

                var text = Required(source, $"{path}.text", dto.Text, Limits.ClaimText);
                Optional(source, $"{path}.subject", dto.Subject, Limits.ClaimPart);
                Optional(source, $"{path}.predicate", dto.Predicate, Limits.ClaimPart);
                Optional(source, $"{path}.object", dto.Object, Limits.ClaimPart);
                var claimantOk = RequireEntity(source, $"{path}.claimant", dto.Claimant);
                var kindOk = ParseKind<ClaimKind>(source, $"{path}.kind", dto.Kind, out var kind);
                var status = VerificationStatus.Unverified;
                var statusOk = dto.Status is null || ParseKind(source, $"{path}.status", dto.Status, out status);
                var claimedOn = source.Article.PublishedOn;
                if (dto.ClaimedOn is { } date && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out claimedOn))
                {
                    Problem(source, $"{path}.claimedOn", $"'{date}' is not a date in the form YYYY-MM-DD");
                }

                if (text is null || !claimantOk || !kindOk || !statusOk)
                {
                    continue;
                }

                var claim = new ClaimedFact
                {
                    Id = dto.Id,
                    Text = text,
                    ClaimantId = dto.Claimant!,
                    Kind = kind,
                    ClaimedOn = claimedOn,
                    Subject = dto.Subject,
                    Predicate = dto.Predicate,
                    Object = dto.Object,
                    Status = status,
                    ArticleId = source.ArticleId,
                    SeedFile = Path.GetFileName(source.CurationFile),
                };
                ReadEvidence(source, path, dto, claim);
                ReadMentions(source, path, dto, claim);
                ReadQualifiers(source, path, dto, claim);
                _claims.Add(claim.Id, (claim, source));
            }
        }

        private void ReadEvidence(Source source, string path, CurationClaim dto, ClaimedFact claim)
        {
            var evidence = dto.Evidence ?? [];
            if (evidence.Count == 0)
            {
                Problem(source, $"{path}.evidence", "a claim needs at least one piece of evidence (a statement that carries it)");
            }

            for (var e = 0; e < evidence.Count; e++)
            {
                var item = evidence[e];
                var itemPath = $"{path}.evidence[{e}]";
                if (Required(source, $"{itemPath}.statement", item.Statement) is not { } statementId)
                {
                    continue;
                }

                if (!_statements.TryGetValue(statementId, out var statement))
                {
                    Problem(source, $"{itemPath}.statement", $"unknown statement '{statementId}'");
                    continue;
                }

                var span = Anchoring.InStatement(
                    statement.Source.Article.Text, statementId, statement.Statement.Start, statement.Statement.End, item.Exact, item.Prefix, item.Suffix, out var anchorProblem);
                if (span is null)
                {
                    Problem(source, $"{itemPath}.exact", anchorProblem!);
                    continue;
                }

                claim.Evidence.Add(new ClaimEvidence
                {
                    ClaimId = claim.Id,
                    Ordinal = e,
                    StatementId = statementId,
                    Start = span.Start,
                    End = span.End,
                    Text = span.Text,
                });
            }
        }

        private void ReadMentions(Source source, string path, CurationClaim dto, ClaimedFact claim)
        {
            var mentions = dto.Mentions ?? [];
            for (var m = 0; m < mentions.Count; m++)
            {
                if (!RequireEntity(source, $"{path}.mentions[{m}]", mentions[m]))
                {
                    continue;
                }

                if (claim.Mentions.Any(x => x.EntityId == mentions[m]))
                {
                    Problem(source, $"{path}.mentions[{m}]", $"entity '{mentions[m]}' is mentioned twice");
                    continue;
                }

                claim.Mentions.Add(new ClaimMention { ClaimId = claim.Id, EntityId = mentions[m] });
            }
        }

        private void ReadQualifiers(Source source, string path, CurationClaim dto, ClaimedFact claim)
        {
            var qualifiers = dto.Qualifiers ?? [];
            for (var q = 0; q < qualifiers.Count; q++)
            {
                var item = qualifiers[q];
                var itemPath = $"{path}.qualifiers[{q}]";
                var name = Required(source, $"{itemPath}.name", item.Name, Limits.QualifierName);
                var value = Required(source, $"{itemPath}.value", item.Value, Limits.QualifierValue);
                var entityOk = item.Entity is null || RequireEntity(source, $"{itemPath}.entity", item.Entity);
                if (name is not null && value is not null && entityOk)
                {
                    claim.Qualifiers.Add(new ClaimQualifier { ClaimId = claim.Id, Ordinal = q, Name = name, Value = value, EntityId = item.Entity });
                }
            }
        }

        private void CheckClaimLinks()
        {
            foreach (var (claim, source) in _claims.Values)
            {
                var index = source.Curation.Claims!.FindIndex(c => c.Id == claim.Id);
                var links = source.Curation.Claims[index].Links ?? [];
                for (var l = 0; l < links.Count; l++)
                {
                    var path = $"claims[{index}].links[{l}]";
                    var kindOk = ParseKind<ClaimLinkKind>(source, $"{path}.kind", links[l].Kind, out var kind);
                    var target = Required(source, $"{path}.claim", links[l].Claim);
                    if (target is null || !kindOk)
                    {
                        continue;
                    }

                    if (!_claims.ContainsKey(target))
                    {
                        Problem(source, $"{path}.claim", $"unknown claim '{target}'");
                    }
                    else if (target == claim.Id)
                    {
                        Problem(source, $"{path}.claim", "a claim cannot link to itself");
                    }
                    else if (claim.Links.Any(x => x.ToClaimId == target && x.Kind == kind))
                    {
                        Problem(source, path, $"the link {EnumNames.Of(kind)} '{target}' is listed twice");
                    }
                    else
                    {
                        claim.Links.Add(new ClaimLink { FromClaimId = claim.Id, ToClaimId = target, Kind = kind });
                    }
                }
            }
        }
    }
}
