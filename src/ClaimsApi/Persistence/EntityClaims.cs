namespace ClaimsApi.Persistence;

/// <summary>Which claims of an entity an <see cref="EntityClaim"/> row lists.</summary>
public enum EntityClaimScope
{
    /// <summary>The claims the entity made (it is the claimant) or is mentioned in, once each: <c>GET /v1/entities/{id}/claims</c>.</summary>
    MadeOrMentioned = 0,

    /// <summary>The claims that mention the entity: <c>GET /v1/claims?entity=</c>.</summary>
    Mentioned = 1,
}

/// <summary>
/// A row of <c>entity_claims</c>: the claims of each entity in list order (date, then id), derived from
/// <c>claims</c> and <c>claim_mentions</c> and refreshed in the transaction of every write of a claim, so that a
/// page of an entity's claims is a range of one index, whatever the entity and however deep the cursor
/// (docs/decisions/0030-entity-claims-in-list-order.md). Live claims only (not deleted), of every workflow stage:
/// a list joins <c>claims</c>, whose query filters decide what the reader sees.
/// </summary>
public sealed class EntityClaim
{
    public required string EntityId { get; init; }
    public required EntityClaimScope Scope { get; init; }
    public required DateOnly ClaimedOn { get; init; }
    public required string ClaimId { get; init; }
}

/// <summary>The SQL that creates and fills <c>entity_claims</c> (shared by the migrations, the context and the generator).</summary>
internal static class EntityClaimsSql
{
    /// <summary>
    /// SQLite: the table is its list index (entity, scope, newest first, id); the id order and a claim's rows have an
    /// index each. A claim removed for good takes its rows with it; entities need no key of their own (the claim's
    /// claimant and mentions already refer to them).
    /// </summary>
    public const string CreateSqlite = """
        CREATE TABLE entity_claims (
            entity_id TEXT NOT NULL,
            scope INTEGER NOT NULL,
            claimed_on TEXT NOT NULL,
            claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            PRIMARY KEY (entity_id, scope, claimed_on DESC, claim_id)
        ) WITHOUT ROWID;
        """;

    /// <summary>PostgreSQL: created without its indexes, which <see cref="IndexPostgres"/> adds once it is filled (faster than row by row).</summary>
    public const string CreatePostgres = """
        CREATE TABLE entity_claims (
            entity_id character varying(80) COLLATE "C" NOT NULL,
            scope integer NOT NULL,
            claimed_on date NOT NULL,
            claim_id character varying(80) COLLATE "C" NOT NULL
        );
        """;

    public const string IndexSqlite = """
        CREATE UNIQUE INDEX ix_entity_claims_entity_id_scope_claim_id ON entity_claims (entity_id, scope, claim_id);
        CREATE INDEX ix_entity_claims_claim_id ON entity_claims (claim_id);
        """;

    public const string IndexPostgres = """
        ALTER TABLE entity_claims ADD CONSTRAINT pk_entity_claims PRIMARY KEY (entity_id, scope, claim_id);
        CREATE INDEX ix_entity_claims_list ON entity_claims (entity_id, scope, claimed_on DESC, claim_id);
        CREATE INDEX ix_entity_claims_claim_id ON entity_claims (claim_id);
        ALTER TABLE entity_claims ADD CONSTRAINT fk_entity_claims_claims_claim_id FOREIGN KEY (claim_id) REFERENCES claims (id) ON DELETE CASCADE;
        """;

    /// <summary>Every row of the live claims matching <paramref name="where"/> (a condition on <c>c</c>, the claim), in key order.</summary>
    public static string Fill(string where) => $"""
        INSERT INTO entity_claims (entity_id, scope, claimed_on, claim_id)
        SELECT r.entity_id, r.scope, r.claimed_on, r.claim_id FROM (
            SELECT m.entity_id, {(int)EntityClaimScope.Mentioned} AS scope, c.claimed_on, c.id AS claim_id
            FROM claims AS c JOIN claim_mentions AS m ON m.claim_id = c.id
            WHERE c.deleted_at IS NULL AND {where}
            UNION ALL
            SELECT c.claimant_id, {(int)EntityClaimScope.MadeOrMentioned}, c.claimed_on, c.id
            FROM claims AS c
            WHERE c.deleted_at IS NULL AND {where}
            UNION ALL
            SELECT m.entity_id, {(int)EntityClaimScope.MadeOrMentioned}, c.claimed_on, c.id
            FROM claims AS c JOIN claim_mentions AS m ON m.claim_id = c.id
            WHERE c.deleted_at IS NULL AND m.entity_id <> c.claimant_id AND {where}
        ) AS r
        ORDER BY r.entity_id, r.scope, r.claimed_on DESC, r.claim_id
        """;

    /// <summary>Every row, from all live claims.</summary>
    public static readonly string FillAll = Fill("1 = 1");
}
