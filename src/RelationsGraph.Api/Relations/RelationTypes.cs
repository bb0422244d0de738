using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Agreements;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Events;
using RelationsGraph.Api.People;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Api.Relations;

public sealed class GranularityType : EnumerationGraphType<Granularity>
{
    public GranularityType() => Name = "Granularity";
}

public sealed class EventTypeCountType : ObjectGraphType<EventTypeCount>
{
    public EventTypeCountType()
    {
        Name = "EventTypeCount";
        Field(x => x.Type, type: typeof(NonNullGraphType<EventKindType>));
        Field(x => x.Count);
    }
}

/// <summary>A timeline with the two actors it is about and the filter it counts (which reads its events when they are asked for).</summary>
public sealed record TimelineResult(GraphNode Actor, GraphNode Counterpart, Timeline Timeline, EventFilter Filter);

/// <summary>A period of a timeline with the timeline it belongs to.</summary>
public sealed record TimelineBucketResult(TimelineResult Timeline, TimelineBucket Bucket);

public sealed class TimelineType : ObjectGraphType<TimelineResult>
{
    public TimelineType()
    {
        Name = "Timeline";
        Description = "Events between two actors by period, for charts.";
        Field<NonNullGraphType<EntityInterface>>("actor").Resolve(ctx => ctx.Source.Actor);
        Field<NonNullGraphType<EntityInterface>>("counterpart").Resolve(ctx => ctx.Source.Counterpart);
        Field<NonNullGraphType<GranularityType>>("granularity").Resolve(ctx => ctx.Source.Timeline.Granularity);
        Field<NonNullGraphType<IntGraphType>>("total").Description("All events, placed or not.").Resolve(ctx => ctx.Source.Timeline.Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineBucketType>>>>("buckets")
            .Description("Periods that have events, in date order.").Resolve(ctx => ctx.Source.Timeline.Buckets.Select(b => new TimelineBucketResult(ctx.Source, b)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("unplaced")
            .Description("Events whose date is less precise than the granularity (a year-only date asked by month), or that have no date at all: counted in no bucket rather than put into January, and counted in total.")
            .ResolveAsync(async ctx => ctx.Source.Timeline.UnplacedCount == 0 ? []
                : await new RelationQueries(ctx.Store()).UnplacedEventsAsync(ctx.Source.Filter, ctx.Source.Timeline, ctx.CancellationToken));
    }
}

public sealed class TimelineBucketType : ObjectGraphType<TimelineBucketResult>
{
    public TimelineBucketType()
    {
        Name = "TimelineBucket";
        Field<NonNullGraphType<StringGraphType>>("period").Description("2019, 2019-Q4 or 2019-10.").Resolve(ctx => ctx.Source.Bucket.Period);
        Field<NonNullGraphType<StringGraphType>>("start").Description("First day of the period.").Resolve(ctx => ctx.Source.Bucket.Start.ToString("yyyy-MM-dd"));
        Field<NonNullGraphType<StringGraphType>>("end").Description("Last day of the period.").Resolve(ctx => ctx.Source.Bucket.End.ToString("yyyy-MM-dd"));
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(ctx => ctx.Source.Bucket.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventTypeCountType>>>>("byType")
            .Resolve(ctx => ctx.Source.Bucket.ByType.Select(t => new EventTypeCount(t.Type, t.Count)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("events").Description("The period's events in date order (read when asked for).")
            .Resolve(ctx =>
            {
                // the events of every period asked for in one store read (a timeline of 30 years is one call, not 30)
                var timeline = ctx.Source.Timeline;
                return ctx.Loaders().For(("bucketEvents", timeline), store => new BatchLoader<TimelineBucket, IReadOnlyList<Event>>(
                    async (buckets, ct) => await new RelationQueries(store).BucketEventsAsync(timeline.Filter, timeline.Timeline, buckets, ct), [])).Load(ctx.Source.Bucket);
            });
    }
}

/// <summary>
/// A relation asked for: its two sides, and its counts, read from the store once, when the first field
/// that needs them resolves, with only the parts the query selects (<see cref="RelationParts"/>).
/// Every list is read by the field that shows it, so a query for the counts reads no list.
/// </summary>
public sealed class RelationResult(GraphNode between, GraphNode and, RelationParts counted, IGraphStore store, CancellationToken cancellationToken)
{
    private readonly Lazy<Task<RelationTally>> tally = new(() => store.TallyRelationAsync(between.Id, and.Id, counted, cancellationToken));

    public GraphNode Between => between;
    public GraphNode And => and;
    public Task<RelationTally> Tally => tally.Value;

    /// <summary>The parts of the tally the fields selected under a <c>relations</c> field need (fragments included); all when unknown.</summary>
    public static RelationParts PartsSelected(IResolveFieldContext ctx)
    {
        if (ctx.SubFields is not { } fields) return RelationParts.All;
        var parts = RelationParts.None;
        foreach (var (_, field) in fields.Values)
            parts |= field.Name switch
            {
                "firstContact" or "lastContact" or "eventCount" or "eventsByType" => RelationParts.Events,
                "agreementCount" => RelationParts.Agreements,
                "officialCount" => RelationParts.Officials,
                _ => RelationParts.None,
            };
        return parts;
    }
}

public sealed class RelationType : ObjectGraphType<RelationResult>
{
    public RelationType()
    {
        Name = "Relation";
        Description = "The state of a relation between two actors at a glance; every part carries its evidence. The counts are counted by the store; each list is read only when asked for.";
        Field<NonNullGraphType<EntityInterface>>("between").Resolve(ctx => ctx.Source.Between);
        Field<NonNullGraphType<EntityInterface>>("and").Resolve(ctx => ctx.Source.And);
        Field<EventGraphType>("firstContact").Description("The earliest dated event; an undated one is never a first or last contact.")
            .ResolveAsync(async ctx => (await ctx.Source.Tally).FirstContact);
        Field<EventGraphType>("lastContact").Description("The latest dated event.").ResolveAsync(async ctx => (await ctx.Source.Tally).LastContact);
        Field<NonNullGraphType<IntGraphType>>("eventCount").Description("All events, dated or not.").ResolveAsync(async ctx => (await ctx.Source.Tally).EventCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventTypeCountType>>>>("eventsByType").Description("How many events of each type (types with none left out).")
            .ResolveAsync(async ctx => (await ctx.Source.Tally).EventsByType);
        Field<NonNullGraphType<EventConnectionType>>("events").Description("The relation's events in date order (undated last), a page at a time: the events cooperationEvents(between, and) lists.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx => Common.Connection<Event>.From(await ctx.Store().FindEventsAsync(new EventFilter(ctx.Source.Between.Id, ctx.Source.And.Id), Cursor.PageOf(ctx, Limits(ctx)), ctx.CancellationToken)));
        Field<NonNullGraphType<IntGraphType>>("agreementCount").Description("Agreements to which both sides (or places within them) are party.")
            .ResolveAsync(async ctx => (await ctx.Source.Tally).AgreementCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgreementHistoryType>>>>("agreements").Description("All agreements to which both sides are party, with their history; agreementsConnection pages them.")
            .ResolveAsync(async ctx => (await ctx.Store().FindAgreementsAsync(ctx.Source.Between.Id, ctx.Source.And.Id, new PageRequest(RelationQueries.MaxEvents), ctx.CancellationToken)).Items);
        Field<NonNullGraphType<AgreementHistoryConnectionType>>("agreementsConnection").Description("The agreements of 'agreements', a page at a time.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx => Common.Connection<Agreement>.From(await ctx.Store().FindAgreementsAsync(ctx.Source.Between.Id, ctx.Source.And.Id, Cursor.PageOf(ctx, Limits(ctx)), ctx.CancellationToken)));
        Field<NonNullGraphType<IntGraphType>>("officialCount").Description("People who took part in the relation's events.")
            .ResolveAsync(async ctx => (await ctx.Source.Tally).OfficialCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficialType>>>>("officials")
            .Description("All people who took part in the relation's events, by their first event (undated last), then name; officialsConnection pages them.")
            .ResolveAsync(async ctx => (await ctx.Store().FindParticipantsAsync(ctx.Source.Between.Id, ctx.Source.And.Id, new PageRequest(RelationQueries.MaxEvents), ctx.CancellationToken)).Items);
        Field<NonNullGraphType<OfficialConnectionType>>("officialsConnection").Description("The people of 'officials', a page at a time.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .ResolveAsync(async ctx => Common.Connection<RelationParticipant>.From(await ctx.Store().FindParticipantsAsync(ctx.Source.Between.Id, ctx.Source.And.Id, Cursor.PageOf(ctx, Limits(ctx)), ctx.CancellationToken)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticType>>>>("figures")
            .Description("Figures about something within one side and something within the other (\"600 Japanese companies in NRW\").")
            .ResolveAsync(async ctx => await new RelationQueries(ctx.Store()).FiguresAsync(ctx.Source.Between.Id, ctx.Source.And.Id, ctx.CancellationToken));
    }

    private static ApiLimits Limits(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IOptions<ApiLimits>>().Value;
}

/// <summary>An agreement of a relation; the events that concern it are read for all the agreements of a page at once, when asked for.</summary>
public sealed class AgreementHistoryType : ObjectGraphType<Agreement>
{
    public AgreementHistoryType()
    {
        Name = "AgreementHistory";
        Description = "An agreement with its status and the events that concern it (signing, extension, ...).";
        Field<NonNullGraphType<AgreementType>>("agreement").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<AgreementStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("events").Description("In date order.")
            .Resolve(ctx => ctx.Loaders().For("concerningEvents", store => new BatchLoader<string, IReadOnlyList<Event>>(
                async (ids, ct) => await new RelationQueries(store).ConcerningEventsAsync(ids, ct), [])).Load(ctx.Source.Id));
    }
}

public sealed class AgreementHistoryEdgeType() : EdgeGraphType<AgreementHistoryType, Agreement>("AgreementHistory");

public sealed class AgreementHistoryConnectionType() : ConnectionGraphType<AgreementHistoryType, AgreementHistoryEdgeType, Agreement>("AgreementHistory");

/// <summary>A person who took part in a relation's events; their offices and events are read for all the officials of a page at once, when asked for.</summary>
public sealed class OfficialType : ObjectGraphType<RelationParticipant>
{
    private static readonly IEqualityComparer<RelationParticipant> Same = EqualityComparer<RelationParticipant>.Create(ReferenceEquals, o => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(o));
    private static readonly IEqualityComparer<Person> ById = EqualityComparer<Person>.Create((a, b) => a?.Id == b?.Id, p => p.Id.GetHashCode(StringComparison.Ordinal));

    public OfficialType()
    {
        Name = "Official";
        Field<NonNullGraphType<PersonType>>("person").Resolve(ctx => ctx.Source.Person);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("offices").Description("The offices the evidence shows the person in, earliest first.")
            .Resolve(ctx => ctx.Loaders().For("officialOffices", store => new BatchLoader<Person, IReadOnlyList<OfficeTerm>>(async (people, ct) =>
            {
                var terms = (await new RelationQueries(store).TermsOfPeopleAsync(people, ct)).ToLookup(t => t.Person.Id);
                return people.ToDictionary(p => p, p => (IReadOnlyList<OfficeTerm>)terms[p.Id].ToList(), ById);
            }, [], ById)).Load(ctx.Source.Person));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("events").Description("The relation's events the person took part in, in date order.")
            .Resolve(ctx => ctx.Loaders().For("officialEvents", store => new BatchLoader<RelationParticipant, IReadOnlyList<Event>>(async (officials, ct) =>
            {
                var events = (await store.GetNodesAsync(officials.SelectMany(o => o.EventIds).Distinct().ToList(), ct)).OfType<Event>().ToDictionary(e => e.Id);
                return officials.ToDictionary(o => o, o => (IReadOnlyList<Event>)o.EventIds.Where(events.ContainsKey).Select(id => events[id]).ToList(), Same);
            }, [], Same)).Load(ctx.Source));
    }
}

public sealed class OfficialEdgeType() : EdgeGraphType<OfficialType, RelationParticipant>("Official");

public sealed class OfficialConnectionType() : ConnectionGraphType<OfficialType, OfficialEdgeType, RelationParticipant>("Official");

public sealed class SubgraphType : ObjectGraphType<Subgraph>
{
    public SubgraphType()
    {
        Name = "Subgraph";
        Description = "Nodes around the seeds and the relationships among them, each with its evidence.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("nodes").Description("By id.").Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GraphEdgeType>>>>("edges").Description("By id.").Resolve(ctx => ctx.Source.Relationships);
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("True when maxNodes cut the subgraph short.").Resolve(ctx => ctx.Source.Truncated);
    }
}

public sealed class GraphEdgeType : ObjectGraphType<Relationship>
{
    public GraphEdgeType()
    {
        Name = "GraphEdge";
        Description = "A relationship: PART_OF, OF, HOLDS, BASED_IN, PARTICIPANT, AT, INVOLVES, CONCERNS, PARTY or ABOUT.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Edge.Id);
        Field<NonNullGraphType<StringGraphType>>("type").Resolve(ctx => ctx.Source.Edge.Type);
        Field<NonNullGraphType<IdGraphType>>("source").Resolve(ctx => ctx.Source.Edge.Source);
        Field<NonNullGraphType<IdGraphType>>("target").Resolve(ctx => ctx.Source.Edge.Target);
        Field<StringGraphType>("role").Resolve(ctx => ctx.Source.Edge.Role);
        Field<StringGraphType>("asOf").Resolve(ctx => ctx.Source.Edge.AsOf?.ToString());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
    }
}
