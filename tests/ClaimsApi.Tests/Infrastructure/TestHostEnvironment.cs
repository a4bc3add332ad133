using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ClaimsApi.Tests.Infrastructure;

/// <summary>A host environment for services built without a host (command tests).</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";

    public string ApplicationName { get; set; } = "ClaimsApi";

    public string ContentRootPath { get; set; } = contentRoot;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
