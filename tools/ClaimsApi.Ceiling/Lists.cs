namespace ClaimsApi.Ceiling;

/// <summary>
/// The three lists the ceiling serves, each a keyset page (the API's Http/Keyset.cs): the first page, or the page after
/// a cursor's position. A list of claims is newest first, then by id; a list of statements by id.
/// </summary>
/// <remarks>
/// The schema has no index that gives an entity's claims in date order, so no plan stops at the twentieth claim for
/// every entity: walking the date index and checking each claim's mentions is quick for an entity named everywhere and
/// reads the whole table for a rare one. These queries start from the entity's mentions (and claims it made) instead,
/// so a page costs in proportion to the entity's claims: microseconds for most entities, most of a second for the
/// handful named in a sixth of all claims. A schema that serves these lists better is one the ceiling should follow.
/// </remarks>
internal static class Lists
{
    public const int Found = 0, Item = 1;

    /// <summary>Claim rows: a ClaimSummary (Claims.SummaryColumns), its date the 7th text column, its id the 1st.</summary>
    private static readonly RowShape ClaimShape = new(texts: 10, numbers: 0);

    private const string NewestFirst = "ORDER BY c.claimed_on DESC, c.id";

    /// <summary>The claims after the cursor's position (date <c>@on</c>, id <c>@after</c>) in <see cref="NewestFirst"/> order.</summary>
    private const string AfterPosition = " AND c.claimed_on <= @on AND (c.claimed_on < @on OR c.id > @after)";

    /// <summary><c>GET /v1/claims?entity=…[&amp;kind=…]</c>: the claims that mention the entity.</summary>
    /// <remarks>Parameters: <c>@entity</c>, <c>@kind</c> when <paramref name="kind"/>, <c>@on</c> and <c>@after</c> when <paramref name="after"/>, <c>@take</c>.</remarks>
    public static Query ClaimsMentioning(Dialect sql, bool kind, bool after) => new($"""
        {ClaimShape.Select(Item, Claims.SummaryColumns(sql))}
        FROM claims c JOIN entities ce ON ce.id = c.claimant_id
        WHERE c.id IN (SELECT m.claim_id FROM claim_mentions m WHERE m.entity_id = @entity)
            AND {Visible.Published("c")}{(kind ? " AND c.kind = @kind" : "")}{(after ? AfterPosition : "")}
        {NewestFirst}
        LIMIT @take
        """, ClaimShape, Parameters(("@entity", true), ("@kind", kind), ("@on", after), ("@after", after), ("@take", true)));

    /// <summary>
    /// <c>GET /v1/entities/{id}/claims</c>: a row saying the entity exists (the API answers 404 otherwise), then the
    /// claims it made or mentions it.
    /// </summary>
    /// <remarks>Parameters: <c>@id</c>, <c>@on</c> and <c>@after</c> when <paramref name="after"/>, <c>@take</c>.</remarks>
    public static Query ClaimsOfEntity(Dialect sql, bool after) => new($"""
        {ClaimShape.Select(Found, [])}
        FROM entities e WHERE e.id = @id AND {Visible.Live("e")}
        UNION ALL
        SELECT * FROM (
            {ClaimShape.Select(Item, Claims.SummaryColumns(sql))}
            FROM claims c JOIN entities ce ON ce.id = c.claimant_id
            WHERE c.id IN (SELECT m.claim_id FROM claim_mentions m WHERE m.entity_id = @id UNION SELECT mine.id FROM claims mine WHERE mine.claimant_id = @id)
                AND {Visible.Published("c")}{(after ? AfterPosition : "")}
            {NewestFirst}
            LIMIT @take) AS page
        ORDER BY part, x6 DESC, x0
        """, ClaimShape, Parameters(("@id", true), ("@on", after), ("@after", after), ("@take", true)));

    /// <summary>The names of the parameters a variant of a query takes, in order.</summary>
    internal static string[] Parameters(params (string Name, bool Taken)[] parameters) =>
        [.. parameters.Where(p => p.Taken).Select(p => p.Name)];
}
