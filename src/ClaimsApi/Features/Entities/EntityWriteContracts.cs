using ClaimsApi.Curation;
using ClaimsApi.Domain;
using ClaimsApi.Domain.Rules;
using ClaimsApi.Http;
using FluentValidation;

namespace ClaimsApi.Features.Entities;

/// <summary>An entity as a curator writes it (POST creates, PUT replaces), with the seed format's rules.</summary>
/// <param name="Id">The new entity's id (create only; made from the name when left out). In a PUT it must be absent or the entity's id.</param>
/// <param name="Name">Its canonical name.</param>
/// <param name="Kind">What the entity is.</param>
/// <param name="Aliases">Other names it goes by; none may repeat the name or another alias (case, accents and spacing do not count).</param>
/// <param name="Description">A short description.</param>
/// <param name="Wikidata">Its Wikidata item id, e.g. Q423.</param>
/// <param name="PartOf">The entity it is part of (id); following partOf must never lead back to it.</param>
public sealed record EntityWrite(
    string? Id,
    string? Name,
    EntityKind? Kind,
    IReadOnlyList<string?>? Aliases,
    string? Description,
    string? Wikidata,
    string? PartOf);

/// <summary>Which entity absorbs the one being merged.</summary>
/// <param name="Into">The entity that stays (id): it takes the merged entity's names as aliases and every reference to it.</param>
public sealed record EntityMerge(string? Into);

internal sealed class EntityWriteValidator : AbstractValidator<EntityWrite>
{
    public const int MaxDescription = Limits.ClaimText;

    /// <summary>Aliases one entity may have: every read of the entity carries them all.</summary>
    public const int MaxAliases = 100;

    public EntityWriteValidator()
    {
        RuleFor(e => e.Id).MustBeNewId().When(e => e.Id is not null);
        RuleFor(e => e.Name).MustBeText(Limits.Name);
        RuleFor(e => e.Name).Must(n => EntityRules.NameProblem(n!) is null)
            .When(e => !string.IsNullOrWhiteSpace(e.Name) && e.Name.Length <= Limits.Name)
            .WithMessage($"'name' is longer than {Limits.Name} characters once folded for lookups.");
        RuleFor(e => e.Kind).NotNull().WithMessage($"'kind' is required: one of {string.Join(", ", EnumNames.All<EntityKind>())}.");
        RuleFor(e => e.Aliases).MustCount(0, MaxAliases).WithMessage($"'aliases' may list at most {MaxAliases}.");
        RuleForEach(e => e.Aliases).MustBeText(Limits.Name);
        RuleFor(e => e).Custom((e, context) =>
        {
            foreach (var (index, message) in EntityRules.AliasProblems(e.Name, e.Aliases ?? []))
            {
                context.AddFailure($"aliases[{index}]", $"'aliases[{index}]': {message}.");
            }
        });
        RuleFor(e => e.Description).MustBeText(MaxDescription).When(e => e.Description is not null);
        RuleFor(e => e.Wikidata).MustMatch(EntityRules.WikidataPattern, EntityRules.MaxWikidataLength, EntityRules.IsWikidataId).When(e => e.Wikidata is not null)
            .WithMessage("'wikidata' must be a Wikidata item id such as Q423.");
        RuleFor(e => e.PartOf).MustBeId().When(e => e.PartOf is not null);
    }
}

internal sealed class EntityMergeValidator : AbstractValidator<EntityMerge>
{
    public EntityMergeValidator() => RuleFor(m => m.Into).MustBeId();
}
