using System.Net.Http.Json;
using System.Collections.Concurrent;
using System.Net;
using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Persistence;
using ClaimsApi.Tests.Http;
using ClaimsApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Curation;

/// <summary>
/// The pipeline's promise to what plugs into it (the history today, a change feed next): every committed change
/// is seen once, in order, inside the write's transaction; a refused write is seen by nothing; and a failing
/// observer fails the write, leaving no trace.
/// </summary>
public abstract class CurationPipelineTests<TApi>(TApi fixture) : IClassFixture<TApi>
    where TApi : ObservedApi
{
    private readonly TApi api = ProviderLeg.Require(fixture);

    [SkippableFact]
    public async Task AMergeIsSeenAsOneChangePerRecordItTouchedWithTheActorAndTheNewRevisions()
    {
        var (keyName, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var curator = api.CreateClientWithKey(key);
        var merged = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Merged Party {Guid.NewGuid():N}");
        var claim = await EntityWriteTests<TApi>.CreateClaimAsync(curator, "dprk", [merged]);
        var seen = api.Observer.Since();

        var response = await curator.SendJsonAsync(HttpMethod.Post, $"/v1/entities/{merged}/merge", new { into = "russia" }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changes = seen();
        Assert.Equal([(CuratedRecords.Entity, merged), (CuratedRecords.Claim, claim), (CuratedRecords.Entity, "russia")], changes.Select(c => (c.Resource.Name, c.Id)));
        Assert.All(changes, c => Assert.Equal("merge", c.Action));
        Assert.All(changes, c => Assert.Equal(keyName, c.Actor));
        Assert.Equal(2, changes[0].Revision);
        Assert.Null(changes[0].After); // the merged entity is deleted
        Assert.NotNull(changes[0].Before);
        Assert.Equal(2, changes[1].Revision);
        Assert.Equal(changes[2].Revision, response.ETagRevision());
    }

    [SkippableFact]
    public async Task ARefusedWriteIsSeenByNothing()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = await EntityWriteTests<TApi>.CreateEntityAsync(curator, $"Stale Party {Guid.NewGuid():N}");
        var seen = api.Observer.Since();

        var stale = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}", new { name = "Renamed", kind = "organisation" }, "\"7\"");
        var unknown = await curator.SendJsonAsync(HttpMethod.Put, $"/v1/entities/{id}", new { name = "Renamed", kind = "organisation", partOf = "no-such-entity" }, "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Empty(seen());
    }

    [SkippableFact]
    public async Task AnObserverThatFailsFailsTheWriteAndLeavesNoTrace()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var id = $"{FailingObserver.Prefix}{Guid.NewGuid():N}";

        var response = await curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id, name = "Doomed Party", kind = "organisation" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/entities/{id}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await curator.GetAsync($"/v1/entities/{id}/history"), HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The history is the change log others read by position ("everything after n"), so a change may take a
    /// position only once every change before it has committed: a write held open after taking its position keeps
    /// the next write from committing (and so from taking a lower-visible higher position) until it ends.
    /// </summary>
    [SkippableFact]
    public async Task ChangesTakeTheirPlaceInTheLogInCommitOrder()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        var (held, next) = ($"{WaitingObserver.Prefix}{Guid.NewGuid():N}", $"after-held-{Guid.NewGuid():N}");
        var release = api.Waiter.Hold(held);

        var first = curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id = held, name = "Held Party", kind = "organisation" });
        await api.Waiter.Entered(held).WaitAsync(TimeSpan.FromSeconds(30));
        var second = curator.SendJsonAsync(HttpMethod.Post, "/v1/entities", new { id = next, name = "Next Party", kind = "organisation" });
        var finishedWhileHeld = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2))) == second;
        release();

        Assert.Equal(HttpStatusCode.Created, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second).StatusCode);
        Assert.False(finishedWhileHeld, "the second write committed while the first, holding its place in the log, was still open");
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var positions = db.History.Where(h => h.ResourceId == held || h.ResourceId == next).OrderBy(h => h.Id).Select(h => h.ResourceId).ToList();
        Assert.Equal([held, next], positions);
    }

    /// <summary>The import feeds the change log as any write does: every record it creates is one change, seen by every observer in line order, in the history in that order.</summary>
    [SkippableFact]
    public async Task AnImportIsSeenAsOneChangePerRecordInLineOrderAndTakesItsPlacesInTheLogInThatOrder()
    {
        var (keyName, key) = await api.CreateKeyAsync(ApiRole.Curator);
        using var curator = api.CreateClientWithKey(key);
        var set = new ImportTests<TApi>.Records();
        var seen = api.Observer.Since();

        (await ImportTests<TApi>.ImportAsync(curator, set.All())).EnsureSuccessStatusCode();
        var unchanged = await ImportTests<TApi>.ImportAsync(curator, set.All());

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        var changes = seen();
        List<string> ids = [set.Entity, set.Article, set.Statement, set.Claim, set.Review];
        Assert.Equal(
            [(CuratedRecords.Entity, ids[0]), (CuratedRecords.Article, ids[1]), (CuratedRecords.Statement, ids[2]), (CuratedRecords.Claim, ids[3]), (CuratedRecords.Review, ids[4])],
            changes.Select(c => (c.Resource.Name, c.Id)));
        Assert.All(changes, c => Assert.Equal(("create", keyName, 1), (c.Action, c.Actor, c.Revision)));
        Assert.All(changes, c => Assert.NotNull(c.After));
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var positions = db.History.Where(h => ids.Contains(h.ResourceId)).OrderBy(h => h.Id).Select(h => h.ResourceId).ToList();
        Assert.Equal(ids, positions);
    }

    /// <summary>ASP.NET Core writes problems only for clients that accept JSON: a browser's 500 had an empty body.</summary>
    [SkippableFact]
    public async Task A500ForABrowserIsStillAProblemDocument()
    {
        using var curator = await api.CreateClientAsync(ApiRole.Curator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/entities")
        {
            Content = JsonContent.Create(new { id = $"{FailingObserver.Prefix}{Guid.NewGuid():N}", name = "Doomed Party", kind = "organisation" }),
        };
        request.Headers.Accept.ParseAdd("text/html");

        var response = await curator.SendAsync(request);

        await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, "logged with the trace id");
    }
}

/// <summary>Records every change the pipeline reports, in order.</summary>
public sealed class RecordingObserver : IChangeObserver
{
    private readonly ConcurrentQueue<CuratedChange> _changes = new();

    public ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        _changes.Enqueue(change);
        return ValueTask.CompletedTask;
    }

    /// <summary>A function that returns the changes seen from now on.</summary>
    public Func<List<CuratedChange>> Since()
    {
        var from = _changes.Count;
        return () => [.. _changes.Skip(from)];
    }
}

/// <summary>Fails on records whose id starts with <see cref="Prefix"/>, as a broken change log would.</summary>
public sealed class FailingObserver : IChangeObserver
{
    public const string Prefix = "observer-fails-";

    public ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct) =>
        change.Id.StartsWith(Prefix, StringComparison.Ordinal) ? throw new InvalidOperationException("The observer failed.") : ValueTask.CompletedTask;
}

/// <summary>Holds a write open inside its transaction, after the pipeline has recorded it, for records whose id starts with <see cref="Prefix"/>.</summary>
public sealed class WaitingObserver : IChangeObserver
{
    public const string Prefix = "observer-waits-";

    private readonly ConcurrentDictionary<string, (TaskCompletionSource Entered, TaskCompletionSource Released)> _held = new(StringComparer.Ordinal);

    /// <summary>The next write of <paramref name="id"/> will wait inside its transaction until the returned action is called.</summary>
    public Action Hold(string id)
    {
        var gates = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _held[id] = gates;
        return () => gates.Item2.TrySetResult();
    }

    /// <summary>Completes once the write of <paramref name="id"/> is waiting.</summary>
    public Task Entered(string id) => _held[id].Entered.Task;

    public async ValueTask OnChangedAsync(CuratedChange change, ClaimsDbContext db, CancellationToken ct)
    {
        if (change.Id.StartsWith(Prefix, StringComparison.Ordinal) && _held.TryGetValue(change.Id, out var gates))
        {
            gates.Entered.TrySetResult();
            await gates.Released.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
    }
}

/// <summary>The API with a recording, a failing and a waiting change observer besides its own.</summary>
public abstract class ObservedApi(TestDatabase database) : ClaimsApiFactory(database, ownsDatabase: true)
{
    public RecordingObserver Observer { get; } = new();

    public WaitingObserver Waiter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services
            .AddSingleton<IChangeObserver>(Observer)
            .AddSingleton<IChangeObserver, FailingObserver>()
            .AddSingleton<IChangeObserver>(Waiter));
    }
}

public sealed class ObservedSqliteApi() : ObservedApi(new SqliteTestDatabase());

public sealed class ObservedPostgresApi() : ObservedApi(TestDatabase.PostgresServer is null ? new SqliteTestDatabase() : new PostgresTestDatabase()), IPostgresLeg;

public sealed class CurationPipelineTestsOnSqlite(ObservedSqliteApi api) : CurationPipelineTests<ObservedSqliteApi>(api);

public sealed class CurationPipelineTestsOnPostgres(ObservedPostgresApi api) : CurationPipelineTests<ObservedPostgresApi>(api);
