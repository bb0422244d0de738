using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using RelationsGraph.Api.Agreements;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.People;
using RelationsGraph.Api.Places;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Api.Events;

public sealed class EventKindType : EnumerationGraphType<EventType>
{
    public EventKindType() => Name = "EventType";
}

/// <summary>A participant of an event with the offices it held at the time, and the quote that names it.</summary>
public sealed record Participant(GraphNode Entity, string? Role, IReadOnlyList<OfficeTerm> Offices, IReadOnlyList<EvidenceSpan> Evidence);

public sealed class ParticipantType : ObjectGraphType<Participant>
{
    public ParticipantType()
    {
        Name = "Participant";
        Field<NonNullGraphType<EntityInterface>>("entity").Description("The person or organization that took part.").Resolve(ctx => ctx.Source.Entity);
        Field(x => x.Role, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("offices").Description("The offices the evidence shows the participant held at the event's date; for an undated event, those its own release states.").Resolve(ctx => ctx.Source.Offices);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
    }
}

public sealed class EventGraphType : EntityType<Event>
{
    public EventGraphType() : base("Event", "A visit, reception, meeting, delegation, signing or extension, dated to the precision the source gives.")
    {
        Field(x => x.Type, type: typeof(NonNullGraphType<EventKindType>));
        Field<StringGraphType>("date").Description("ISO 8601 with the precision in its length: 2019-10 is October 2019. Null when the source gives no date: such an event is listed after the dated ones, matches no from/to filter and is unplaced on a timeline.")
            .Resolve(ctx => ctx.Source.Date?.ToString());
        Field<DatePrecisionType>("datePrecision").Description("Null when the event has no date.").Resolve(ctx => ctx.Source.Date?.Precision);
        Field(x => x.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipantType>>>>("participants").Resolve(ctx => ParticipantsOf(ctx, ctx.Source));
        Field<PlaceType>("place").Description("Where it took place.")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.At, Direction.Outgoing).Then(l => l.FirstOrDefault()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("involves").Description("The sides of the relation: places or organizations.")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Involves, Direction.Outgoing));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgreementType>>>>("agreements").Description("Agreements the event concerns.")
            .Resolve(ctx => Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Concerns, Direction.Outgoing).Then(l => l.OfType<Agreement>().ToList()));
    }

    private static readonly IEqualityComparer<Event> ById = EqualityComparer<Event>.Create((a, b) => a?.Id == b?.Id, e => e.Id.GetHashCode(StringComparison.Ordinal));

    /// <summary>
    /// The participants of every event of a result level, with the offices they held at each event's date:
    /// one store read, and one more when the offices are asked for. Quotes are read only when the request
    /// shows them or needs them to place an office (on Neo4j they are most of what a read costs).
    /// </summary>
    private static IDataLoaderResult<IReadOnlyList<Participant>> ParticipantsOf(IResolveFieldContext ctx, Event e)
    {
        var asked = ctx.SubFields?.Values.Select(f => f.FieldType.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var offices = asked.Contains("offices");
        var evidence = offices || asked.Contains("evidence");
        return ctx.Loaders().For(("participants", offices, evidence), store => new BatchLoader<Event, IReadOnlyList<Participant>>(async (events, ct) =>
        {
            var read = await store.GetNeighboursAsync(events.Select(x => x.Id).ToList(), Direction.Outgoing, [EdgeTypes.Participant], evidence, ct);
            var rels = read.Relationships.ToLookup(r => r.Edge.Source);
            var terms = offices
                ? (await new RelationQueries(store).TermsOfPeopleAsync(read.Relationships.Select(r => read.Nodes.GetValueOrDefault(r.Edge.Target)).OfType<Person>().DistinctBy(p => p.Id).ToList(), ct)).ToLookup(t => t.Person.Id)
                : Enumerable.Empty<OfficeTerm>().ToLookup(t => t.Person.Id);
            return events.ToDictionary(x => x, x => (IReadOnlyList<Participant>)rels[x.Id].Where(r => read.Nodes.ContainsKey(r.Edge.Target))
                .Select(r => new Participant(read.Nodes[r.Edge.Target], r.Edge.Role, terms[r.Edge.Target].Where(t => HeldAt(t, x, r)).ToList(), r.Evidence))
                .ToList(), ById);
        }, [], ById)).Load(e);
    }

    /// <summary>
    /// An office term shown with a participant: undated, or covering the event's date; for an undated event,
    /// one that the event's own release states (the only time the evidence ties the two together).
    /// </summary>
    private static bool HeldAt(OfficeTerm t, Event e, Relationship participation) =>
        t.From is null || (e.Date is { } d ? t.Covers(d) : t.Evidence.Any(s => participation.Evidence.Any(p => p.DocumentId == s.DocumentId)));
}

public sealed class EventEdgeType() : EdgeGraphType<EventGraphType, Event>("Event");

public sealed class EventConnectionType() : ConnectionGraphType<EventGraphType, EventEdgeType, Event>("Event");
