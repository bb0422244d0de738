using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// Relation summaries from the reach index: the relation's events are walked where they are, in date
/// order (<see cref="InMemoryGraph.WalkEvents"/>), and counted, with no list of them built.
/// </summary>
internal static class RelationTallies
{
    /// <summary>The events' part of <see cref="RelationTally"/>: counts by type, the first and last dated event.</summary>
    public static RelationTally Events(InMemoryGraph graph, string between, string and)
    {
        var byType = new int[Enum.GetValues<EventType>().Length];
        var total = 0;
        Event? first = null, last = null;
        graph.WalkEvents(new EventFilter(between, and), e =>
        {
            total++;
            byType[(int)e.Type]++;
            // in date order, undated last: the first dated event seen is the first, the last seen the last
            if (e.Date is null) return;
            first ??= e;
            last = e;
        });
        var counts = Enum.GetValues<EventType>().Where(t => byType[(int)t] > 0).Select(t => new EventTypeCount(t, byType[(int)t])).ToList();
        return RelationTally.None with { EventCount = total, EventsByType = counts, FirstContact = first, LastContact = last };
    }

    /// <summary>Every participant of the relation's events who is a person, ordered as <see cref="IGraphStore.FindParticipantsAsync"/> says.</summary>
    public static List<RelationParticipant> Participants(InMemoryGraph graph, string between, string and)
    {
        var eventsOf = new Dictionary<string, (Person Person, Event First, List<string> Events)>(StringComparer.Ordinal);
        graph.WalkEvents(new EventFilter(between, and), e =>
        {
            foreach (var id in graph.Targets(e.Id, EdgeTypes.Participant))
            {
                if (eventsOf.TryGetValue(id, out var seen))
                {
                    // two PARTICIPANT edges (two roles) from one event list it once
                    if (seen.Events[^1] != e.Id) seen.Events.Add(e.Id);
                }
                else if (graph.Node(id) is Person p)
                {
                    // walked in date order: the first event a person is seen at is their first
                    eventsOf[id] = (p, e, [e.Id]);
                }
            }
        });
        return eventsOf.Values
            .OrderBy(x => x.First.Date, Comparer<FuzzyDate?>.Create(Event.CompareDates))
            .ThenBy(x => x.Person.Name, StringComparer.Ordinal).ThenBy(x => x.Person.Id, StringComparer.Ordinal)
            .Select(x => new RelationParticipant(x.Person, x.Events)).ToList();
    }
}
