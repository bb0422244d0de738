using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>
/// Actor id → the events that count for it (<see cref="InMemoryGraph.Reach"/>), so that the events
/// between two actors are the intersection of two sets instead of a scan of every event.
/// </summary>
/// <remarks>
/// Kept exact on every write. An event's reach depends on its own INVOLVES, AT and PARTICIPANT
/// edges, on its participants' HOLDS (and those offices' OF) and BASED_IN edges, and on PART_OF and
/// BASED_IN above all of those. When such an edge appears or disappears (the first document to state
/// it, or the last to retract it; a document re-stating a known edge changes nothing), the events
/// whose reach may change are marked and recomputed once the write is applied:
/// <list type="bullet">
/// <item>INVOLVES/AT/PARTICIPANT from an event: that event;</item>
/// <item>HOLDS, BASED_IN or PART_OF from a node x: every event that reached x before the write
/// (reach is closed upward and holds every participant, so only those can reach further now);</item>
/// <item>OF from an office: the events that reached any holder of the office.</item>
/// </list>
/// Recomputing the events that reach a node is cheap for people and small places, and rare for large
/// ones (the gazetteer's PART_OF comes with the first document that names a place).
/// </remarks>
internal sealed class ReachIndex(InMemoryGraph graph)
{
    private readonly Dictionary<string, HashSet<string>> eventsByActor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> reachOfEvent = new(StringComparer.Ordinal);
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);

    /// <summary>An event was added or removed.</summary>
    public void Touch(string eventId) => dirty.Add(eventId);

    /// <summary>An edge was created or deleted (not merely stated by one more or one fewer document).</summary>
    public void EdgeChanged(GraphEdge edge)
    {
        switch (edge.Type)
        {
            case EdgeTypes.Involves or EdgeTypes.At or EdgeTypes.Participant:
                dirty.Add(edge.Source);
                break;
            case EdgeTypes.Holds or EdgeTypes.BasedIn or EdgeTypes.PartOf:
                MarkReaching(edge.Source);
                break;
            case EdgeTypes.Of:
                foreach (var holder in graph.Sources(edge.Source, EdgeTypes.Holds)) MarkReaching(holder);
                break;
        }
    }

    private void MarkReaching(string id)
    {
        if (eventsByActor.TryGetValue(id, out var events)) dirty.UnionWith(events);
    }

    /// <summary>Recomputes the marked events; called at the end of each write.</summary>
    public void Update()
    {
        foreach (var id in dirty)
        {
            if (reachOfEvent.Remove(id, out var old))
                foreach (var actor in old)
                    if (eventsByActor.TryGetValue(actor, out var set) && set.Remove(id) && set.Count == 0) eventsByActor.Remove(actor);
            if (graph.Node(id) is not Event) continue;
            var reach = graph.Reach(id).ToArray();
            reachOfEvent[id] = reach;
            foreach (var actor in reach)
            {
                if (!eventsByActor.TryGetValue(actor, out var set)) eventsByActor[actor] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(id);
            }
        }
        dirty.Clear();
    }

    /// <summary>Ids of the events that reach both (a null side is no condition); probes the larger set with the smaller.</summary>
    public IEnumerable<string> EventsReaching(string? actor, string? counterpart)
    {
        var a = actor is null ? null : eventsByActor.GetValueOrDefault(actor) ?? [];
        var b = counterpart is null ? null : eventsByActor.GetValueOrDefault(counterpart) ?? [];
        if (a is null) return b ?? [];
        if (b is null) return a;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return small.Where(large.Contains);
    }
}
