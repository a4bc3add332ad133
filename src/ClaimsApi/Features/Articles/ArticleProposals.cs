using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Extraction;
using ClaimsApi.Features.Claims;
using ClaimsApi.Features.Entities;
using ClaimsApi.Features.Search;
using ClaimsApi.Features.Statements;
using ClaimsApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClaimsApi.Features.Articles;

/// <summary>
/// The extractor's proposals for a new article, stored with it (<c>POST /v1/articles?propose=true</c>) in the same
/// write: a draft statement per attribution, a draft claim per candidate claim (its evidence the statement, its stance
/// a qualifier), and an entity for each speaker no alias named. Every one says it is machine-proposed, by which
/// extractor, how sure it was, and that no person has confirmed it (<see cref="IProposable"/>); nothing is published
/// until a curator moves it through the workflow. Image credits are not speech and propose nothing; an attribution
/// whose speaker could not be resolved is left out (a statement needs a speaker); what a person's write would be
/// refused for (a span past the limits, a claim of more than <see cref="Limits.ClaimText"/> characters) is left out too.
/// </summary>
internal static class ArticleProposals
{
    /// <summary>The qualifier that says a candidate claim is not asserted as it reads: its values are <see cref="Stances"/>.</summary>
    public const string StanceQualifier = "stance";

    /// <summary>The stances a candidate claim can have besides an assertion.</summary>
    public static readonly string[] Stances = ["denied", "hedged", "question"];

    /// <summary>
    /// Runs the extractor on an article's text, with the store's entities and aliases (the alias index's lexicon) as
    /// the known speakers. Outside the write's transaction where there is a choice: it reads nothing there.
    /// </summary>
    public static async Task<ExtractionResult> ExtractAsync(string text, EntityAliasIndex aliases, ClaimsDbContext db, CancellationToken ct) =>
        AttributionExtractor.Extract(text, await aliases.LexiconAsync(db, ct), ct);

    /// <summary>Adds the proposals of <paramref name="result"/> for <paramref name="article"/> (being created) to the write; says how many of each kind.</summary>
    public static async Task<(int Entities, int Statements, int Claims)> AddAsync(Article article, ExtractionResult result, ChangeSet changes, CancellationToken ct)
    {
        var builder = new Builder(article, result.Extractor, changes);
        await builder.LoadLiveEntitiesAsync(result.Attributions, ct);
        var statements = new Statement?[result.Attributions.Count];
        for (var i = 0; i < result.Attributions.Count; i++)
        {
            var attribution = result.Attributions[i];
            if (builder.StatementFor(attribution) is not { } statement)
            {
                continue;
            }

            statements[i] = statement;
            foreach (var candidate in attribution.Claims)
            {
                builder.ClaimFor(candidate, statement, article.PublishedOn);
            }
        }

        // Nested attribution: a statement inside the span of the one that reports it.
        for (var i = 0; i < statements.Length; i++)
        {
            if (statements[i] is { } child && result.Attributions[i].Parent is int p && p != i && statements[p] is { } parent
                && parent.Start <= child.Start && child.End <= parent.End)
            {
                child.ParentId = parent.Id;
            }
        }

        return await builder.AddAsync(ct);
    }

    private sealed class Builder(Article article, string extractor, ChangeSet changes)
    {
        private readonly Dictionary<string, NamedEntity> _newEntities = new(StringComparer.Ordinal); // by the speaker's proposed id
        private readonly List<NamedEntity> _entities = [];
        private readonly List<Statement> _statements = [];
        private readonly List<ClaimedFact> _claims = [];
        private HashSet<string> _live = [];

        /// <summary>Which of the known entities the attributions name are live now (the alias cache may lag a deletion).</summary>
        public async Task LoadLiveEntitiesAsync(IReadOnlyList<Attribution> attributions, CancellationToken ct)
        {
            var known = attributions
                .SelectMany(a => a.Claims.SelectMany(c => c.Mentions.Append(c.Claimant)).Append(a.Speaker))
                .Where(s => s is { Known: true }).Select(s => s!.Id).Distinct(StringComparer.Ordinal).ToList();
            _live = known.Count == 0 ? [] : (await changes.Db.Entities.AsNoTracking().WhereIn(e => e.Id, known).Select(e => e.Id).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
        }

        public Statement? StatementFor(Attribution attribution)
        {
            var content = attribution.Content;
            if (_statements.Count >= StatementWriteValidator.MaxPerArticle || attribution.Kind == AttributionKind.Credit
                || content.End <= content.Start || content.End - content.Start > StatementWriteValidator.MaxExact)
            {
                return null;
            }

            if (SpeakerId(attribution.Speaker, attribution.Confidence) is not { } speaker)
            {
                return null;
            }

            var statement = new Statement
            {
                Id = Slugs.From(content.Text),
                ArticleId = article.Id,
                SpeakerId = speaker,
                Kind = attribution.Kind switch
                {
                    AttributionKind.Direct => StatementKind.DirectQuote,
                    AttributionKind.Partial => StatementKind.PartialQuote,
                    AttributionKind.UnmarkedBlockQuote => StatementKind.UnmarkedQuote,
                    _ => StatementKind.ReportedSpeech,
                },
                Cue = attribution.Cue is { } cue && cue.Text.Length <= Limits.Cue && !cue.Text.Contains('\n', StringComparison.Ordinal) ? cue.Text : null,
                Text = content.Text,
                Start = content.Start,
                End = content.End,
                Workflow = WorkflowState.Draft,
            }.ProposedBy(extractor, attribution.Confidence);
            _statements.Add(statement);
            return statement;
        }

        public void ClaimFor(CandidateClaim candidate, Statement statement, DateOnly claimedOn)
        {
            var text = candidate.Proposition.Trim();
            var span = candidate.Span;
            if (_claims.Count >= ClaimWriteValidator.MaxPerArticle || text.Length == 0 || text.Length > Limits.ClaimText || span.Start < statement.Start || span.End > statement.End || span.End <= span.Start)
            {
                return;
            }

            var confidence = (double)statement.Confidence!;
            var claim = new ClaimedFact
            {
                Id = Slugs.From(text),
                Text = text,
                ClaimantId = SpeakerId(candidate.Claimant, confidence) ?? statement.SpeakerId,
                Kind = candidate.Opinion ? ClaimKind.Opinion : ClaimKind.Factual,
                ClaimedOn = claimedOn,
                Status = VerificationStatus.Unverified,
                ArticleId = article.Id,
                Workflow = WorkflowState.Draft,
            }.ProposedBy(extractor, confidence);
            claim.Evidence.Add(new ClaimEvidence { ClaimId = claim.Id, Ordinal = 0, StatementId = statement.Id, Start = span.Start, End = span.End, Text = span.Text });
            claim.Mentions.AddRange(candidate.Mentions.Where(m => m.Known && _live.Contains(m.Id)).Select(m => m.Id).Distinct(StringComparer.Ordinal)
                .Take(ClaimWriteValidator.MaxMentions).Select(id => new ClaimMention { ClaimId = claim.Id, EntityId = id }));
            var stances = new[] { candidate.Denied, candidate.Hedged, candidate.Question };
            claim.Qualifiers.AddRange(Stances.Where((_, i) => stances[i])
                .Select((stance, i) => new ClaimQualifier { ClaimId = claim.Id, Ordinal = i, Name = StanceQualifier, Value = stance }));
            _claims.Add(claim);
        }

        /// <summary>Adds the entities, statements and claims to the write, each under an id no record has.</summary>
        public async Task<(int Entities, int Statements, int Claims)> AddAsync(CancellationToken ct)
        {
            var db = changes.Db;
            await MakeUniqueAsync(_entities, db.Entities, e => e.Name, (e, id) =>
            {
                e.Id = id;
                e.Aliases.ForEach(a => a.EntityId = id);
            }, ct);
            await MakeUniqueAsync(_statements, db.Statements, s => s.Text, (s, id) => s.Id = id, ct);
            await MakeUniqueAsync(_claims, db.Claims, c => c.Text, (c, id) =>
            {
                c.Id = id;
                c.Evidence.ForEach(e => e.ClaimId = id);
                c.Mentions.ForEach(m => m.ClaimId = id);
                c.Qualifiers.ForEach(q => q.ClaimId = id);
            }, ct);

            // Inserted untracked (RowWriter, one prepared command per table), as an import's records are: a megabyte's
            // thousands of proposals cost EF Core's change tracking several times what the rows do. The article first:
            // the rows refer to it.
            await db.SaveChangesAsync(ct);
            foreach (var entity in _entities)
            {
                await db.Rows.InsertAsync(entity, ct);
                changes.Add(EntityCommands.Resource, entity, "create", before: null, touch: false);
            }

            foreach (var statement in ParentsFirst(_statements))
            {
                await db.Rows.InsertAsync(statement, ct);
                changes.Add(StatementCommands.Resource, statement, "create", before: null, touch: false);
            }

            foreach (var claim in _claims)
            {
                await db.Rows.InsertAsync(claim, ct);
                changes.Add(ClaimCommands.Resource, claim, "create", before: null, touch: false);
            }

            return (_entities.Count, _statements.Count, _claims.Count);
        }

        /// <summary>The statements in an order where each one's parent comes before it (a row refers only to rows inserted before it).</summary>
        private static IEnumerable<Statement> ParentsFirst(List<Statement> statements)
        {
            var byId = statements.ToDictionary(s => s.Id, StringComparer.Ordinal);
            int Depth(Statement s)
            {
                var depth = 0;
                for (var at = s; at.ParentId is { } parent && byId.TryGetValue(parent, out var next) && depth < statements.Count; at = next)
                {
                    depth++;
                }

                return depth;
            }

            return statements.OrderBy(Depth); // stable: text order within a depth
        }

        /// <summary>The id of the entity <paramref name="speaker"/> resolves to: a live known one, or a new one proposed for it; null when there is none.</summary>
        private string? SpeakerId(Speaker? speaker, double confidence)
        {
            if (speaker is null)
            {
                return null;
            }

            if (speaker.Known && _live.Contains(speaker.Id))
            {
                return speaker.Id;
            }

            if (_newEntities.TryGetValue(speaker.Id, out var proposed))
            {
                return proposed.Id;
            }

            var name = speaker.Name.Trim();
            if (name.Length == 0 || name.Length > Limits.Name || name.Any(char.IsControl))
            {
                return null;
            }

            var kind = EnumNames.TryParse<EntityKind>(speaker.Kind, out var guessed) ? guessed : EntityKind.Person;
            var entity = EntityRules.Build(Slugs.From(name), name, kind, [], description: null, wikidata: null, partOf: null, seedFile: null).ProposedBy(extractor, confidence);
            _newEntities[speaker.Id] = entity;
            _entities.Add(entity);
            return entity.Id;
        }

        /// <summary>
        /// Gives every record an id no record of its kind has (deleted ones included) and no other of the batch takes:
        /// a record whose random suffix is taken gets a new one, and the references made to its first id follow.
        /// </summary>
        private async Task MakeUniqueAsync<T>(List<T> records, IQueryable<T> existing, Func<T, string> text, Action<T, string> setId, CancellationToken ct)
            where T : class, ICurated
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var pending = records;
            while (pending.Count > 0)
            {
                var ids = pending.Select(r => r.Id).ToList();
                var inStore = (await existing.IgnoreQueryFilters().AsNoTracking().WhereIn(r => r.Id, ids).Select(r => r.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                var again = new List<T>();
                foreach (var record in pending)
                {
                    if (inStore.Contains(record.Id) || record.Id == Ids.Reserved || !taken.Add(record.Id))
                    {
                        Rename(record, Slugs.From(text(record)), setId);
                        again.Add(record);
                    }
                }

                pending = again;
            }
        }

        private void Rename<T>(T record, string id, Action<T, string> setId)
            where T : class, ICurated
        {
            var old = record.Id;
            setId(record, id);
            foreach (var statement in _statements)
            {
                if (record is NamedEntity && statement.SpeakerId == old)
                {
                    statement.SpeakerId = id;
                }

                if (record is Statement && statement.ParentId == old)
                {
                    statement.ParentId = id;
                }
            }

            foreach (var claim in _claims)
            {
                if (record is NamedEntity && claim.ClaimantId == old)
                {
                    claim.ClaimantId = id;
                }

                foreach (var evidence in claim.Evidence.Where(e => record is Statement && e.StatementId == old))
                {
                    evidence.StatementId = id;
                }
            }
        }
    }
}
