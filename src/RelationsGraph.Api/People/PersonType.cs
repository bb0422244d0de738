using GraphQL.Types;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Places;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.People;

/// <summary>A person's holding of an office, dated by the evidence.</summary>
public sealed record OfficeHolding(Person Person, Office Office, FuzzyDate? AsOf, IReadOnlyList<EvidenceSpan> Evidence);

public sealed class PersonType : EntityType<Person>
{
    public PersonType() : base("Person", "A person named in a press release.")
    {
        Field(x => x.Aliases).Description("Other forms of the name seen in documents.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("offices").Description("Offices the person held, as of the dates the documents show.")
            .ResolveAsync(async ctx => await Holdings.OfPersonAsync(ctx.Store(), ctx.Source, ctx.CancellationToken));
    }
}

internal static class Holdings
{
    public static async Task<List<OfficeHolding>> OfPersonAsync(IGraphStore store, Person person, CancellationToken ct)
    {
        var rels = await store.GetRelationshipsAsync([person.Id], Direction.Outgoing, [EdgeTypes.Holds], ct);
        var offices = (await store.GetNodesAsync(rels.Select(r => r.Edge.Target).ToList(), ct)).OfType<Office>().ToDictionary(o => o.Id);
        return rels.Where(r => offices.ContainsKey(r.Edge.Target))
            .Select(r => new OfficeHolding(person, offices[r.Edge.Target], r.Edge.AsOf, r.Evidence))
            .OrderBy(h => h.AsOf).ToList();
    }
}

public sealed class OfficeHoldingType : ObjectGraphType<OfficeHolding>
{
    public OfficeHoldingType()
    {
        Name = "OfficeHolding";
        Description = "A person holding an office (HOLDS), with the date at which the evidence shows it held.";
        Field<NonNullGraphType<PersonType>>("person").Resolve(ctx => ctx.Source.Person);
        Field<NonNullGraphType<OfficeType>>("office").Resolve(ctx => ctx.Source.Office);
        Field<StringGraphType>("asOf").Resolve(ctx => ctx.Source.AsOf?.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
    }
}

public sealed class OfficeType : EntityType<Office>
{
    public OfficeType() : base("Office", "An office such as a Minister-President, a Consul General or a Governor, of a place or organization.")
    {
        Field(x => x.Title);
        Field(x => x.Role).Description("The office's role, the same across languages and genders (ministerpraesident, generalkonsul, gouverneur, ...).");
        Field<PlaceType>("of").Description("The jurisdiction the office belongs to.")
            .ResolveAsync(async ctx => (await Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Of, Direction.Outgoing)).OfType<Place>().FirstOrDefault());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("holders").Description("Who held the office, by date.")
            .ResolveAsync(async ctx =>
            {
                var store = ctx.Store();
                var rels = await store.GetRelationshipsAsync([ctx.Source.Id], Direction.Incoming, [EdgeTypes.Holds], ctx.CancellationToken);
                var people = (await store.GetNodesAsync(rels.Select(r => r.Edge.Source).ToList(), ctx.CancellationToken)).OfType<Person>().ToDictionary(p => p.Id);
                return rels.Where(r => people.ContainsKey(r.Edge.Source))
                    .Select(r => new OfficeHolding(people[r.Edge.Source], ctx.Source, r.Edge.AsOf, r.Evidence)).OrderBy(h => h.AsOf).ToList();
            });
    }
}

public sealed class OrganizationKindType : EnumerationGraphType<OrganizationKind>
{
    public OrganizationKindType() => Name = "OrganizationKind";
}

public sealed class OrganizationType : EntityType<Organization>
{
    public OrganizationType() : base("Organization", "A government, parliament, ministry, mission, agency, company or university.")
    {
        Field(x => x.Kind, type: typeof(NonNullGraphType<OrganizationKindType>));
        Field(x => x.Aliases);
        Field<PlaceType>("basedIn").ResolveAsync(async ctx => (await Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.BasedIn, Direction.Outgoing)).OfType<Place>().FirstOrDefault());
    }
}
