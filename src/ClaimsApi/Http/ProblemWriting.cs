namespace ClaimsApi.Http;

/// <summary>
/// Problem documents whatever the request's Accept header says. The framework's writer writes only for a client
/// that accepts JSON and declines otherwise: a 4xx for <c>Accept: text/html</c> then had no body (or the status-code
/// pages' text/plain line), its problem lost the instance and trace id, and where the API writes a problem itself
/// (401 and 403, 415 for an unknown charset) there was no writer at all, so a 500 with an empty body. The API speaks
/// only JSON, so it answers JSON; RFC 9110 (section 12.1) lets a server disregard Accept rather than answer 406.
/// </summary>
public static class ProblemWriting
{
    /// <summary>Wraps the framework's problem writer (registered by <c>AddProblemDetails</c>, which must come first).</summary>
    public static IServiceCollection WriteProblemsForEveryAccept(this IServiceCollection services)
    {
        var framework = services.Single(d => d.ServiceType == typeof(IProblemDetailsWriter));
        services.Remove(framework);
        services.AddSingleton<IProblemDetailsWriter>(provider => new EveryAccept((IProblemDetailsWriter)(
            framework.ImplementationInstance
            ?? framework.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, framework.ImplementationType!))));
        return services;
    }

    /// <summary>The framework's writer (defaults, <c>CustomizeProblemDetails</c>, application/problem+json), for every Accept.</summary>
    private sealed class EveryAccept(IProblemDetailsWriter framework) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context) => framework.WriteAsync(context);
    }
}
