using GraphQL.Types;
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

public sealed record EventTypeCount(EventType Type, int Count);

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

public sealed class RelationType : ObjectGraphType<RelationSummary>
{
    public RelationType()
    {
        Name = "Relation";
        Description = "The state of a relation between two actors at a glance; every part carries its evidence.";
        Field<NonNullGraphType<EntityInterface>>("between").Resolve(ctx => ctx.Source.Between);
        Field<NonNullGraphType<EntityInterface>>("and").Resolve(ctx => ctx.Source.And);
        Field<EventGraphType>("firstContact").Description("The earliest dated event; an undated one is never a first or last contact.").Resolve(ctx => ctx.Source.FirstContact);
        Field<EventGraphType>("lastContact").Description("The latest dated event.").Resolve(ctx => ctx.Source.LastContact);
        Field<NonNullGraphType<IntGraphType>>("eventCount").Description("All events, dated or not.").Resolve(ctx => ctx.Source.Events.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventTypeCountType>>>>("eventsByType")
            .Resolve(ctx => ctx.Source.EventsByType.Select(t => new EventTypeCount(t.Type, t.Count)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgreementHistoryType>>>>("agreements").Resolve(ctx => ctx.Source.Agreements);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficialType>>>>("officials").Description("People who took part in the relation's events.")
            .Resolve(ctx => ctx.Source.Officials);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticType>>>>("figures")
            .Description("Figures about something within one side and something within the other (\"600 Japanese companies in NRW\").")
            .Resolve(ctx => ctx.Source.Figures);
    }
}

public sealed class AgreementHistoryType : ObjectGraphType<AgreementHistory>
{
    public AgreementHistoryType()
    {
        Name = "AgreementHistory";
        Description = "An agreement with its status and the events that concern it (signing, extension, ...).";
        Field<NonNullGraphType<AgreementType>>("agreement").Resolve(ctx => ctx.Source.Agreement);
        Field<NonNullGraphType<AgreementStatusType>>("status").Resolve(ctx => ctx.Source.Agreement.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("events").Resolve(ctx => ctx.Source.Events);
    }
}

public sealed class OfficialType : ObjectGraphType<Official>
{
    public OfficialType()
    {
        Name = "Official";
        Field<NonNullGraphType<PersonType>>("person").Resolve(ctx => ctx.Source.Person);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("offices").Resolve(ctx => ctx.Source.Offices);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("events").Description("The relation's events the person took part in.")
            .Resolve(ctx => ctx.Source.Events);
    }
}

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
