using RelationsGraph.Graph;
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
/// <para>
/// Events are numbered (a slot each, reused after a retraction), and each actor keeps its events
/// twice: as a set of slot numbers, and in date order (then id). The events between two actors are
/// the smaller side walked in date order and probed in the larger side's set, a few nanoseconds per
/// event and no sorting; a page stops collecting once it is full, and only the total walks on.
/// </para>
/// </remarks>
internal sealed partial class ReachIndex(InMemoryGraph graph)
{
    private sealed record Slot(int Number, Event Event, string[] Reach);

    /// <summary>
    /// An actor's events: slot numbers to probe, and the slots in date order to walk (a sorted list:
    /// 8 bytes per event instead of a tree node of 48; inserting moves the later part of the list,
    /// which for the largest actor is a copy of a few hundred kilobytes, rare next to reads).
    /// </summary>
    private sealed class ActorEvents(int capacity = 0)
    {
        private readonly List<Slot> inOrder = new(capacity);

        public HashSet<int> Numbers { get; } = new(capacity);
        public int Count => Numbers.Count;

        /// <summary>The slots in date order. Readers walk it under the store's read lock and writers change it under the write lock.</summary>
        public List<Slot> InOrder => inOrder;

        public void Add(Slot slot)
        {
            if (!Numbers.Add(slot.Number)) return;
            var i = inOrder.BinarySearch(slot, DateThenId);
            inOrder.Insert(i < 0 ? ~i : i, slot);
        }

        /// <summary>Adds a slot that comes after every slot in the list (bulk loading in date order).</summary>
        public void Append(Slot slot)
        {
            if (Numbers.Add(slot.Number)) inOrder.Add(slot);
        }

        public void Remove(Slot slot)
        {
            if (!Numbers.Remove(slot.Number)) return;
            var i = inOrder.BinarySearch(slot, DateThenId);
            if (i >= 0 && ReferenceEquals(inOrder[i], slot)) inOrder.RemoveAt(i);
            else inOrder.Remove(slot);
        }
    }

    /// <summary>Slots in the order of <see cref="IGraphStore.FindEventsAsync"/>: <see cref="Event.DateOrder"/>.</summary>
    private static readonly IComparer<Slot> DateThenId = Comparer<Slot>.Create((x, y) => Event.DateOrder.Compare(x.Event, y.Event));

    private readonly Dictionary<string, int> slotOf = new(StringComparer.Ordinal);
    private readonly List<Slot?> slots = [];
    private readonly Stack<int> free = new();
    private readonly Dictionary<string, ActorEvents> eventsByActor = new(StringComparer.Ordinal);
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);

    private bool suspended;

    /// <summary>Stops keeping the index up to date until <see cref="Rebuild"/> (bulk loading).</summary>
    public void Suspend()
    {
        suspended = true;
        dirty.Clear();
    }

    /// <summary>Builds the whole index from the events, each actor's list sorted once, and keeps it up to date again.</summary>
    public void Rebuild(IEnumerable<Event> events)
    {
        slotOf.Clear();
        slots.Clear();
        free.Clear();
        eventsByActor.Clear();
        dirty.Clear();
        // in date order, so that every actor's list is built in order without sorting it
        var ordered = events.ToArray();
        Array.Sort(ordered, Event.DateOrder);
        var above = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            var slot = new Slot(slots.Count, e, graph.Reach(e.Id, above).ToArray());
            slotOf[e.Id] = slot.Number;
            slots.Add(slot);
            foreach (var actor in slot.Reach)
            {
                if (!eventsByActor.TryGetValue(actor, out var list)) eventsByActor[actor] = list = new ActorEvents();
                list.Append(slot);
            }
        }
        suspended = false;
    }

    /// <summary>An event was added, removed or changed (its date or type may have).</summary>
    public void Touch(string eventId)
    {
        if (!suspended) dirty.Add(eventId);
    }

    /// <summary>An edge was created or deleted (not merely stated by one more or one fewer document).</summary>
    public void EdgeChanged(GraphEdge edge)
    {
        if (suspended) return;
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
        if (eventsByActor.TryGetValue(id, out var events))
            foreach (var slot in events.InOrder) dirty.Add(slot.Event.Id);
    }

    /// <summary>Recomputes the marked events; called at the end of each write.</summary>
    public void Update()
    {
        if (suspended) return;
        foreach (var id in dirty)
        {
            if (slotOf.TryGetValue(id, out var s))
            {
                var old = slots[s]!;
                foreach (var actor in old.Reach)
                {
                    if (!eventsByActor.TryGetValue(actor, out var events)) continue;
                    events.Remove(old);
                    if (events.Count == 0) eventsByActor.Remove(actor);
                }
            }
            if (graph.Node(id) is not Event e)
            {
                if (slotOf.Remove(id))
                {
                    slots[s] = null;
                    free.Push(s);
                }
                continue;
            }
            if (!slotOf.ContainsKey(id))
            {
                if (free.TryPop(out s)) { }
                else
                {
                    s = slots.Count;
                    slots.Add(null);
                }
                slotOf[id] = s;
            }
            var slot = slots[s] = new Slot(s, e, graph.Reach(id).ToArray());
            foreach (var actor in slot.Reach)
            {
                if (!eventsByActor.TryGetValue(actor, out var events)) eventsByActor[actor] = events = new ActorEvents();
                events.Add(slot);
            }
        }
        dirty.Clear();
    }

    /// <summary>
    /// The events that reach both sides of the filter (a null side is no condition) and pass its types
    /// and dates, in date order then id; probes the larger set with the smaller one.
    /// </summary>
    public Page<Event> Find(EventFilter filter, PageRequest page)
    {
        var (walk, probe) = Sides(filter);
        var types = filter.Types is { Count: > 0 } t ? t : null;
        var dated = filter.From is not null || filter.To is not null;
        var items = new List<Event>(Math.Min(page.First, 1024));
        var total = 0;
        foreach (var slot in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(walk))
        {
            if (probe is not null && !probe.Contains(slot.Number)) continue;
            var e = slot.Event;
            if (types is not null && !types.Contains(e.Type)) continue;
            if (dated && !e.InPeriod(filter.From, filter.To)) continue;
            if (total >= page.Offset && items.Count < page.First) items.Add(e);
            total++;
        }
        return new Page<Event>(items, total, page.Offset);
    }

    /// <summary>
    /// Each event <see cref="Find"/> would list, in the same order, handed to <paramref name="visit"/>
    /// without building a list (relation summaries count them where they are).
    /// </summary>
    public void Walk(EventFilter filter, Action<Event> visit)
    {
        var (walk, probe) = Sides(filter);
        var types = filter.Types is { Count: > 0 } t ? t : null;
        var dated = filter.From is not null || filter.To is not null;
        foreach (var slot in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(walk))
        {
            if (probe is not null && !probe.Contains(slot.Number)) continue;
            var e = slot.Event;
            if (types is not null && !types.Contains(e.Type)) continue;
            if (dated && !e.InPeriod(filter.From, filter.To)) continue;
            visit(e);
        }
    }

    /// <summary>The side to walk in date order and the set to probe (if any) by slot number: the smaller side is walked.</summary>
    private (List<Slot> Walk, HashSet<int>? Probe) Sides(EventFilter filter)
    {
        var a = filter.Actor is null ? null : eventsByActor.GetValueOrDefault(filter.Actor) ?? new ActorEvents();
        var b = filter.Counterpart is null ? null : eventsByActor.GetValueOrDefault(filter.Counterpart) ?? new ActorEvents();
        return (a, b) switch
        {
            (null, null) => (slots.OfType<Slot>().Order(DateThenId).ToList(), null), // no actor: rare, the API names at least one side
            (null, _) => (b!.InOrder, null),
            (_, null) => (a.InOrder, null),
            _ => a.Count <= b.Count ? (a.InOrder, b.Numbers) : (b.InOrder, a.Numbers),
        };
    }
}
