using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClaimsApi.Http;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimsApi.Tests.Http;

/// <summary>
/// How <see cref="FieldLimits"/> reads limits from validators (decision 0028): conditional rules are stated only
/// when they hold in every example case; rules of a list's items go on its items; child rules it cannot read fail.
/// </summary>
public sealed class FieldLimitsDerivationTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public async Task ALimitThatHoldsInEveryCaseIsStatedAndOneThatDoesNotIsNot()
    {
        var limits = await DeriveAsync<Note, NoteValidator>(new Note("short", null, null, null), new Note("long", "note", null, null));

        var note = limits[typeof(Note)];
        Assert.Empty(note[nameof(Note.Text)]); // at most 5 only when the kind is "short": a long note's text takes more
        Assert.Contains(new FieldLimit(LimitKind.MaxLength, 10, null, OnItems: false), note[nameof(Note.Title)]); // under When(not null): every case
        Assert.Contains(new FieldLimit(LimitKind.MaxLength, 3, null, OnItems: false), note[nameof(Note.Tags)]);
        Assert.Contains(new FieldLimit(LimitKind.MaxLength, 4, null, OnItems: true), note[nameof(Note.Tags)]);
        Assert.Contains(new FieldLimit(LimitKind.Pattern, 0, "^[a-z]+$", OnItems: true), note[nameof(Note.Tags)]);
    }

    [Fact]
    public async Task ChildRulesThatCannotBeReadFailLoudly()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => DeriveAsync<Note, ChildRulesValidator>(new Note("short", null, null, null)));

        Assert.Contains("use a named validator", failure.Message, StringComparison.Ordinal);
    }

    private static Task<IReadOnlyDictionary<Type, ILookup<string, FieldLimit>>> DeriveAsync<T, TValidator>(params object[] examples)
        where TValidator : class, IValidator<T>
    {
        // As the app names fields (camelCase), which the derivation matches against the JSON names: set here too, so
        // the test does not depend on an app having started in this process before it.
        ValidationNames.UseClientNames();
        var services = new ServiceCollection().AddScoped<IValidator<T>, TValidator>().BuildServiceProvider();
        return FieldLimits.DeriveAsync(services, Json, new Dictionary<Type, IReadOnlyList<object>> { [typeof(T)] = examples }, CancellationToken.None);
    }

    public sealed record Note(string? Kind, string? Text, string? Title, IReadOnlyList<string>? Tags);

    private sealed class NoteValidator : AbstractValidator<Note>
    {
        public NoteValidator()
        {
            RuleFor(n => n.Text).MaximumLength(5).When(n => n.Kind == "short");
            RuleFor(n => n.Title).MaximumLength(10).When(n => n.Title is not null);
            RuleFor(n => n.Tags).MustCount(0, 3);
            RuleForEach(n => n.Tags).MustMatch("^[a-z]+$", 4, t => t.All(char.IsAsciiLetterLower));
        }
    }

    private sealed class ChildRulesValidator : AbstractValidator<Note>
    {
        public ChildRulesValidator() => RuleFor(n => n.Kind).ChildRules(k => k.RuleFor(v => v!.Length).LessThan(3));
    }
}
