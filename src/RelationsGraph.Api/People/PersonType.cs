using GraphQL.Types;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Places;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Api.People;

public sealed class PersonType : EntityType<Person>
{
    public PersonType() : base("Person", "A person named in a press release.")
    {
        Field(x => x.Aliases).Description("Other forms of the name seen in documents.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("offices")
            .Description("Offices the person held, from the first to the last date the documents show; with 'at', only those the evidence shows held then.")
            .Argument<StringGraphType>("at", "A date, YYYY, YYYY-MM or YYYY-MM-DD.")
            .ResolveAsync(async ctx =>
            {
                var at = Dates.Argument(ctx, "at");
                var terms = await new RelationQueries(ctx.Store()).TermsOfPeopleAsync([ctx.Source], ctx.CancellationToken);
                return at is { } date ? terms.Where(t => t.Covers(date)).ToList() : terms;
            });
    }
}

public sealed class OfficeHoldingType : ObjectGraphType<OfficeTerm>
{
    public OfficeHoldingType()
    {
        Name = "OfficeHolding";
        Description = "A person holding an office (HOLDS), from the first to the last date the evidence across documents shows it held; these are evidence dates, not the term's legal start and end.";
        Field<NonNullGraphType<PersonType>>("person").Resolve(ctx => ctx.Source.Person);
        Field<NonNullGraphType<OfficeType>>("office").Resolve(ctx => ctx.Source.Office);
        Field<NonNullGraphType<StringGraphType>>("title")
            .Description("The office's title in the words the evidence uses for this holder (\"Ministerpräsidentin von Nordrhein-Westfalen\" for her, \"Ministerpräsident ...\" for him); office.title is the one name of the office, whoever holds it.")
            .Resolve(ctx => ctx.Source.Title);
        Field<StringGraphType>("from").Description("Earliest date the evidence shows the office held.").Resolve(ctx => ctx.Source.From?.ToString());
        Field<StringGraphType>("to").Description("Latest date the evidence shows the office held.").Resolve(ctx => ctx.Source.To?.ToString());
        Field<StringGraphType>("asOf").Description("The latest date the evidence shows the office held (same as 'to').").Resolve(ctx => ctx.Source.To?.ToString());
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
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Of, Direction.Outgoing).Then(l => l.OfType<Place>().FirstOrDefault()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("holders").Description("Who held the office, earliest first, with from/to.")
            .ResolveAsync(async ctx => await new RelationQueries(ctx.Store()).HoldersAsync(ctx.Source, ctx.CancellationToken));
        Field<OfficeHoldingType>("holderAt").Description("Who held the office at a date: the holder the evidence shows then, else the last one seen before it; null when unknown.")
            .Argument<NonNullGraphType<StringGraphType>>("date", "YYYY, YYYY-MM or YYYY-MM-DD.")
            .ResolveAsync(async ctx => OfficeTerm.HolderAt(await new RelationQueries(ctx.Store()).HoldersAsync(ctx.Source, ctx.CancellationToken), Dates.Argument(ctx, "date")!.Value));
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
        Field<PlaceType>("basedIn").Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.BasedIn, Direction.Outgoing).Then(l => l.OfType<Place>().FirstOrDefault()));
    }
}
