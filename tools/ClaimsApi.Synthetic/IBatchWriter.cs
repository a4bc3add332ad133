namespace ClaimsApi.Synthetic;

/// <summary>Writes one batch of rows in one transaction, into the tables and columns of the resolved schema.</summary>
internal interface IBatchWriter : IAsyncDisposable
{
    Task WriteAsync(SyntheticBatch batch, CancellationToken ct);
}
