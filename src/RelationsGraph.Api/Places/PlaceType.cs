using GraphQL.Types;
using RelationsGraph.Api.Agreements;
using RelationsGraph.Api.Common;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Api.Places;

public sealed class PlaceKindType : EnumerationGraphType<PlaceKind>
{
    public PlaceKindType() => Name = "PlaceKind";
}

public sealed class PlaceType : EntityType<Place>
{
    public PlaceType() : base("Place", "A country, a subdivision (Land, prefecture, province, region) or a city.")
    {
        Field(x => x.Kind, type: typeof(NonNullGraphType<PlaceKindType>));
        Field(x => x.Iso, nullable: true).Description("ISO 3166-1 or 3166-2 code.");
        Field(x => x.Aliases);
        Field<PlaceType>("partOf").Description("The place this one is part of (a Land's country).")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.PartOf, Direction.Outgoing).Then(l => l.FirstOrDefault()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaceType>>>>("parts").Description("Places known to be part of this one.")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.PartOf, Direction.Incoming).Then(l => l.OfType<Place>().ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaceType>>>>("partners")
            .Description("Places that are party to an agreement or cooperation with this place.")
            .ResolveAsync(async ctx =>
            {
                var store = ctx.Store();
                var agreements = await store.FindAgreementsAsync(ctx.Source.Id, null, new PageRequest(1000), ctx.CancellationToken);
                // the parties with their nodes in one read, without the quotes
                var (parties, nodes) = await store.GetNeighboursAsync(agreements.Items.Select(a => a.Id).ToList(), Direction.Outgoing, [EdgeTypes.Party], withEvidence: false, ctx.CancellationToken);
                var ids = parties.Select(r => r.Edge.Target).Where(id => id != ctx.Source.Id).Distinct().ToList();
                return ids.Select(nodes.GetValueOrDefault).OfType<Place>().Where(p => p.Kind != PlaceKind.Country || !ids.Any(i => i != p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgreementType>>>>("agreements").Description("Agreements this place (or a place within it) is party to.")
            .ResolveAsync(async ctx => (await ctx.Store().FindAgreementsAsync(ctx.Source.Id, null, new PageRequest(1000), ctx.CancellationToken)).Items);
    }
}
