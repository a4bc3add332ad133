using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimsApi.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>
/// The API on its own fresh SQLite database in a temporary folder, built by the real migrations and seeded
/// from <see cref="SeedsPath"/> (the shipped seeds unless a test says otherwise). Configuration is overridden;
/// only the clock is replaced in DI, so tests control time.
/// </summary>
public class ClaimsApiFactory : WebApplicationFactory<Program>
{
    public ClaimsApiFactory()
    {
        Root = Directory.CreateTempSubdirectory("claimsapi-tests-").FullName;
    }

    public string Root { get; }

    public virtual string DatabasePath => Path.Combine(Root, "claims.db");

    public string SeedsPath { get; set; } = TestPaths.Seeds;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(EnumNames.Policy, allowIntegerValues: false) },
    };

    public string ConnectionString => $"Data Source={DatabasePath};Pooling=False";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Seeds:Path", SeedsPath);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        using var client = CreateClient();
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless; failing a test over it is not.
            }
        }
    }
}
