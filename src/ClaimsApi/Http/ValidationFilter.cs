using FluentValidation;

namespace ClaimsApi.Http;

/// <summary>
/// Runs the FluentValidation validator of <typeparamref name="T"/> on the argument of that type and answers
/// 400 with a validation problem naming each bad field or parameter. Declares that 400 in the endpoint's metadata.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return await next(context);
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        return result.ToProblem();
    }
}

public static class ValidationFilterExtensions
{
    /// <summary>Validates the argument of type <typeparamref name="T"/> before the handler runs.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>()
            .WithMetadata(new ValidatedBy(typeof(T)))
            .ProducesValidationProblem();

    /// <summary>The 400 validation problem of a failed validation, naming each bad field or parameter.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem(this FluentValidation.Results.ValidationResult result) =>
        Problems.Invalid(result.ToDictionary(), string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct()));
}

/// <summary>
/// Endpoint metadata: the endpoint's query parameters (those of a <c>[AsParameters]</c> record) are checked by the
/// validator of <see cref="Type"/>, each as the property of the same name, so the OpenAPI document states that
/// validator's limits on them (<see cref="FieldLimits"/>).
/// </summary>
public sealed record ValidatedBy(Type Type);
