// The operations the Kiota-generated client calls in tests/contract/run.sh (pasted into client/Program.cs.template by
// client.sh; `client` and `result` are in scope, and the requests carry CHECKS_HEADER, the curator key):
// a filtered list, one record by id, and a write that sets only the fields the document marks required.
var page = await client.V1.Claims.GetAsync(c => { c.QueryParameters.Entity = "russia"; c.QueryParameters.Limit = 5; });
if (page?.Items is not { Count: > 0 } items) throw new InvalidOperationException("GET /v1/claims?entity=russia&limit=5 listed no claim");
Console.WriteLine("CALL GET /v1/claims?entity=russia&limit=5 -> " + items.Count + " claims, first " + items[0].Id);

var one = await client.V1.Claims[items[0].Id!].GetAsync();
if (one?.Id != items[0].Id || one?.Claimant?.Id is null) throw new InvalidOperationException("GET /v1/claims/" + items[0].Id + " did not return that claim with its claimant");
Console.WriteLine("CALL GET /v1/claims/" + one.Id + " -> claimed by " + one.Claimant.Id + ": " + one.Text);

var created = await client.V1.Claims.PostAsync(new ApiChecks.Client.Models.ClaimWrite
{
    Text = "A claim written through the generated client, with only the required fields.",
    Claimant = "wpk-cmc",
    Kind = ApiChecks.Client.Models.ClaimKind.Factual,
    Article = "9c422c9df4965fec",
    Evidence = [new ApiChecks.Client.Models.EvidenceWrite { Statement = "p6-quote" }],
});
if (created?.Id is null || created.Workflow is null) throw new InvalidOperationException("POST /v1/claims returned no claim");
Console.WriteLine("CALL POST /v1/claims -> " + created.Id + ", " + created.Workflow);
result = created;
