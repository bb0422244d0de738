using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Agreements;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Events;
using RelationsGraph.Api.Ingestion;
using RelationsGraph.Api.People;
using RelationsGraph.Api.Places;
using RelationsGraph.Api.Relations;
using RelationsGraph.Api.Search;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Api.GraphQL;

public sealed record GraphStats(int Documents, int Nodes, int Edges, IReadOnlyList<LabelCount> ByLabel);

public sealed record LabelCount(string Label, int Count);

public sealed class LabelCountType : ObjectGraphType<LabelCount>
{
    public LabelCountType()
    {
        Name = "LabelCount";
        Field(x => x.Label);
        Field(x => x.Count);
    }
}

public sealed class GraphStatsType : ObjectGraphType<GraphStats>
{
    public GraphStatsType()
    {
        Name = "GraphStats";
        Field(x => x.Documents);
        Field(x => x.Nodes);
        Field(x => x.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("byLabel").Resolve(ctx => ctx.Source.ByLabel);
    }
}

/// <summary>The questions analysts and dashboards ask. Names are a contract: see graph-schema/schema.graphql.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";

        Field<NonNullGraphType<PlaceType>>("place").Description("A place by id, ISO 3166 code or any name or alias (\"NRW\", \"Nordrhein-Westfalen\", \"DE-NW\").")
            .Argument<NonNullGraphType<StringGraphType>>("ref")
            .ResolveAsync(async ctx => await Refs.ResolveAsync(ctx, "ref", "place", n => n is Place));

        Field<NonNullGraphType<PersonType>>("person").Description("A person by id, full name or surname.")
            .Argument<NonNullGraphType<StringGraphType>>("ref")
            .ResolveAsync(async ctx => await Refs.ResolveAsync(ctx, "ref", "person", n => n is Person));

        Field<NonNullGraphType<OrganizationType>>("organization").Description("An organization by id or name.")
            .Argument<NonNullGraphType<StringGraphType>>("ref")
            .ResolveAsync(async ctx => await Refs.ResolveAsync(ctx, "ref", "organization", n => n is Organization));

        Field<NonNullGraphType<EntityInterface>>("node").Description("Any node by its id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await Refs.ResolveAsync(ctx, "id", "node", n => n.Id == ctx.GetArgument<string>("id")));

        Field<NonNullGraphType<EntityConnectionType>>("search").Description("Places, people, organizations, offices, agreements and events whose names, titles or quotes contain the text.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var text = ctx.GetArgument<string>("text");
                if (string.IsNullOrWhiteSpace(text) || text.Length > Refs.MaxLength)
                    throw new ExecutionError($"Argument 'text' must have 1 to {Refs.MaxLength} characters.") { Code = "BAD_SEARCH_TEXT" };
                return Common.Connection<GraphNode>.From(await ctx.Store().SearchAsync(text, Cursor.PageOf(ctx, Limits(ctx)), ctx.CancellationToken));
            });

        Field<NonNullGraphType<EventConnectionType>>("events").Description("Events in date order, optionally of one actor (rolled up through PART_OF and office holders).")
            .Argument<StringGraphType>("actor", "A place, organization or person ref.")
            .Argument<StringGraphType>("from", "Earliest date, YYYY, YYYY-MM or YYYY-MM-DD (interval semantics).")
            .Argument<StringGraphType>("to", "Latest date, YYYY, YYYY-MM or YYYY-MM-DD.")
            .Argument<ListGraphType<NonNullGraphType<EventKindType>>>("types")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.GetArgument<string?>("actor") is { } a ? (await Refs.ResolveAsync(ctx, "actor", "actor", Refs.IsActor)).Id : null;
                return await EventsAsync(ctx, actor, null);
            });

        Field<NonNullGraphType<EventConnectionType>>("cooperationEvents")
            .Description("Events between two actors in date order. Sub-national events roll up: an NRW–Fukushima visit is also an NRW–Japan event.")
            .Argument<NonNullGraphType<StringGraphType>>("between").Argument<NonNullGraphType<StringGraphType>>("and")
            .Argument<StringGraphType>("from").Argument<StringGraphType>("to")
            .Argument<ListGraphType<NonNullGraphType<EventKindType>>>("types")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var a = await Refs.ResolveAsync(ctx, "between", "actor", Refs.IsActor);
                var b = await Refs.ResolveAsync(ctx, "and", "actor", Refs.IsActor);
                return await EventsAsync(ctx, a.Id, b.Id);
            });

        Field<NonNullGraphType<AgreementConnectionType>>("agreements").Description("Agreements to which an actor (or a place within it) is party, with another when 'and' is given.")
            .Argument<NonNullGraphType<StringGraphType>>("between").Argument<StringGraphType>("and")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var a = await Refs.ResolveAsync(ctx, "between", "actor", Refs.IsActor);
                var b = ctx.GetArgument<string?>("and") is not null ? await Refs.ResolveAsync(ctx, "and", "actor", Refs.IsActor) : null;
                var page = await ctx.Store().FindAgreementsAsync(a.Id, b?.Id, Cursor.PageOf(ctx, Limits(ctx)), ctx.CancellationToken);
                return Common.Connection<Agreement>.From(page);
            });

        Field<NonNullGraphType<TimelineType>>("timeline")
            .Description("Events between two actors by month, quarter or year (rolled up like cooperationEvents), with counts per type, for charts.")
            .Argument<NonNullGraphType<StringGraphType>>("actor").Argument<NonNullGraphType<StringGraphType>>("counterpart")
            .Argument<StringGraphType>("from").Argument<StringGraphType>("to")
            .Argument<GranularityType>("granularity", "MONTH (default), QUARTER or YEAR.")
            .Argument<ListGraphType<NonNullGraphType<EventKindType>>>("types")
            .ResolveAsync(async ctx =>
            {
                var a = await Refs.ResolveAsync(ctx, "actor", "actor", Refs.IsActor);
                var b = await Refs.ResolveAsync(ctx, "counterpart", "actor", Refs.IsActor);
                var filter = new EventFilter(a.Id, b.Id, Dates.Argument(ctx, "from"), Dates.Argument(ctx, "to"), ctx.GetArgument<List<EventType>?>("types"));
                var timeline = await new RelationQueries(ctx.Store()).TimelineAsync(filter, ctx.GetArgument("granularity", Granularity.Month), ctx.CancellationToken);
                return new TimelineResult(a, b, timeline, filter);
            });

        Field<NonNullGraphType<RelationType>>("relations")
            .Description("The state of a relation at a glance: first and last contact, events by type, agreements and their history, the officials who took part, the figures reported.")
            .Argument<NonNullGraphType<StringGraphType>>("between").Argument<NonNullGraphType<StringGraphType>>("and")
            .ResolveAsync(async ctx =>
            {
                var a = await Refs.ResolveAsync(ctx, "between", "actor", Refs.IsActor);
                var b = await Refs.ResolveAsync(ctx, "and", "actor", Refs.IsActor);
                return new RelationResult(a, b, RelationResult.PartsSelected(ctx), ctx.Store(), ctx.CancellationToken);
            });

        Field<NonNullGraphType<OfficeType>>("office").Description("An office by id or title (\"Generalkonsul von Japan in Nordrhein-Westfalen\"), with its holders over time.")
            .Argument<NonNullGraphType<StringGraphType>>("ref")
            .ResolveAsync(async ctx => await Refs.ResolveAsync(ctx, "ref", "office", n => n is Office));

        Field<NonNullGraphType<SubgraphType>>("subgraph")
            .Description("The nodes within 'depth' relationships of the seeds and the relationships among them, with evidence; events outside from/to are left out. The same cut GET /export writes as GraphML, GEXF, Cytoscape JSON, CSV or Cypher.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("seeds", "Refs of the nodes to start from.")
            .Argument<IntGraphType>("depth", "Relationships to follow out from the seeds (default 1).")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("relationTypes", "Only these relationship types (default all): PART_OF, OF, HOLDS, BASED_IN, PARTICIPANT, AT, INVOLVES, CONCERNS, PARTY, ABOUT.")
            .Argument<StringGraphType>("from").Argument<StringGraphType>("to")
            .Argument<IntGraphType>("maxNodes", "Cut the subgraph at this many nodes (default and maximum: the server's cap).")
            .ResolveAsync(async ctx =>
            {
                var request = await SubgraphArguments.ToRequestAsync(ctx.Store(), Limits(ctx), ctx.GetArgument<List<string>>("seeds"), ctx.GetArgument<int?>("depth"),
                    ctx.GetArgument<List<string>?>("relationTypes"), Dates.Argument(ctx, "from"), Dates.Argument(ctx, "to"), ctx.GetArgument<int?>("maxNodes"), ctx.CancellationToken);
                return await new RelationQueries(ctx.Store()).SubgraphAsync(request, ctx.CancellationToken);
            });

        Field<NonNullGraphType<GraphStatsType>>("graphStats").Description("How much the graph holds.")
            .ResolveAsync(async ctx =>
            {
                var c = await ctx.Store().CountAsync(ctx.CancellationToken);
                return new GraphStats(c.Documents, c.Nodes, c.Edges, c.NodesByLabel.Select(kv => new LabelCount(kv.Key, kv.Value)).ToList());
            });
    }

    private static ApiLimits Limits(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IOptions<ApiLimits>>().Value;

    private static async Task<Common.Connection<Event>> EventsAsync(IResolveFieldContext ctx, string? actor, string? counterpart)
    {
        var filter = new EventFilter(actor, counterpart, Dates.Argument(ctx, "from"), Dates.Argument(ctx, "to"),
            ctx.GetArgument<List<EventType>?>("types"));
        var page = await ctx.Store().FindEventsAsync(filter, Cursor.PageOf(ctx, Limits(ctx)), ctx.CancellationToken);
        return Common.Connection<Event>.From(page);
    }

}

public sealed class RelationsSchema : Schema
{
    public RelationsSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "RelationsGraph: an evidence-backed knowledge graph of international relations from government press releases.";
        this.AnswerStandardIntrospection();
        RegisterType(typeof(PlaceType));
        RegisterType(typeof(PersonType));
        RegisterType(typeof(OfficeType));
        RegisterType(typeof(OrganizationType));
        RegisterType(typeof(EventGraphType));
        RegisterType(typeof(AgreementType));
        RegisterType(typeof(StatisticType));
        RegisterType(typeof(DocumentType));
    }
}
