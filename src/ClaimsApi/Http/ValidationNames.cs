using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ClaimsApi.Http;

/// <summary>
/// Validation errors name a field or parameter as clients write it: a body's field in camelCase ('ratingText',
/// as the JSON options write it), a query parameter by its <see cref="FromQueryAttribute"/> name. Set once for
/// every validator, so that no rule has to repeat the name it validates.
/// </summary>
public static class ValidationNames
{
    public static void UseClientNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => Of(member);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => Of(member);
    }

    // Validators are scoped: their rules are built, and their names resolved, on every request.
    private static readonly ConcurrentDictionary<MemberInfo, string> Names = new();

    private static string? Of(MemberInfo? member) =>
        member is null ? null : Names.GetOrAdd(member, m => m.GetCustomAttribute<FromQueryAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(m.Name));
}
