using BenchmarkDotNet.Running;

namespace ClaimsApi.Benchmarks;

/// <summary><c>dotnet run -c Release --project tests/ClaimsApi.Benchmarks -- --filter '*'</c></summary>
internal static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
