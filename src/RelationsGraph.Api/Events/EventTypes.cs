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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfficeHoldingType>>>>("offices").Description("The offices the evidence shows the participant held at the event's date.").Resolve(ctx => ctx.Source.Offices);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvidenceType>>>>("evidence").Resolve(ctx => ctx.Source.Evidence);
    }
}

public sealed class EventGraphType : EntityType<Event>
{
    public EventGraphType() : base("Event", "A visit, reception, meeting, delegation, signing or extension, dated to the precision the source gives.")
    {
        Field(x => x.Type, type: typeof(NonNullGraphType<EventKindType>));
        Field<NonNullGraphType<StringGraphType>>("date").Description("ISO 8601 with the precision in its length: 2019-10 is October 2019.").Resolve(ctx => ctx.Source.Date.ToString());
        Field<NonNullGraphType<DatePrecisionType>>("datePrecision").Resolve(ctx => ctx.Source.Date.Precision);
        Field(x => x.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipantType>>>>("participants").ResolveAsync(async ctx =>
        {
            var store = ctx.Store();
            var rels = await store.GetRelationshipsAsync([ctx.Source.Id], Direction.Outgoing, [EdgeTypes.Participant], ctx.CancellationToken);
            var nodes = (await store.GetNodesAsync(rels.Select(r => r.Edge.Target).ToList(), ctx.CancellationToken)).ToDictionary(n => n.Id);
            var terms = await new RelationQueries(store).TermsOfPeopleAsync(nodes.Values.OfType<Person>().ToList(), ctx.CancellationToken);
            var date = ctx.Source.Date;
            return rels.Where(r => nodes.ContainsKey(r.Edge.Target))
                .Select(r => new Participant(nodes[r.Edge.Target], r.Edge.Role,
                    terms.Where(t => t.Person.Id == r.Edge.Target && (t.From is null || t.Covers(date))).ToList(), r.Evidence))
                .ToList();
        });
        Field<PlaceType>("place").Description("Where it took place.")
            .ResolveAsync(async ctx => (await Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.At, Direction.Outgoing)).FirstOrDefault());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("involves").Description("The sides of the relation: places or organizations.")
            .ResolveAsync(async ctx => await Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Involves, Direction.Outgoing));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgreementType>>>>("agreements").Description("Agreements the event concerns.")
            .ResolveAsync(async ctx => (await Resolve.Related(ctx, ctx.Source.Id, EdgeTypes.Concerns, Direction.Outgoing)).OfType<Agreement>().ToList());
    }
}

public sealed class EventEdgeType() : EdgeGraphType<EventGraphType, Event>("Event");

public sealed class EventConnectionType() : ConnectionGraphType<EventGraphType, EventEdgeType, Event>("Event");
