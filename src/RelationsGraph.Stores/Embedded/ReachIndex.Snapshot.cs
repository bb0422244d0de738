using RelationsGraph.Model;

namespace RelationsGraph.Stores.Embedded;

/// <summary>The reach index written to and read from a snapshot as it is (<see cref="InMemoryGraph.WriteTo"/>): no event's reach is computed at start.</summary>
/// <remarks>
/// Records: the slots (an event's id and its reach, or none for a free slot), the free slots in the
/// order they are reused, and each actor's events as slot numbers in date order.
/// </remarks>
internal sealed partial class ReachIndex
{
    /// <summary>Writes the index; call while no write can change it, after a write has been applied (nothing is marked).</summary>
    public void WriteTo(SnapshotWriter w)
    {
        if (suspended || dirty.Count > 0) throw new InvalidOperationException("The reach index is being built or updated: it cannot be written now.");
        w.Int(slots.Count);
        foreach (var slot in slots)
        {
            w.Ref(slot?.Event.Id);
            if (slot is null) continue;
            w.Int(slot.Reach.Length);
            foreach (var actor in slot.Reach) w.Ref(actor);
        }
        w.Int(free.Count);
        foreach (var s in free) w.Int(s);
        w.Int(eventsByActor.Count);
        foreach (var (actor, events) in eventsByActor)
        {
            w.Ref(actor);
            w.Int(events.Count);
            foreach (var slot in events.InOrder) w.Int(slot.Number);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote into this empty index; the graph's nodes must be read already.</summary>
    public void ReadFrom(SnapshotReader r)
    {
        var count = r.Count();
        slots.Capacity = count;
        slotOf.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            if (r.RefOrNull() is not { } id)
            {
                slots.Add(null);
                continue;
            }
            if (graph.Node(id) is not Event e) throw new InvalidDataException($"The reach index names {id}, which is not an event of the snapshot.");
            var reach = new string[r.Count()];
            for (var j = 0; j < reach.Length; j++) reach[j] = r.Ref();
            slots.Add(new Slot(i, e, reach));
            slotOf.Add(id, i);
        }
        var freeSlots = new int[r.Count()];
        for (var i = 0; i < freeSlots.Length; i++) freeSlots[i] = r.Index(count);
        // a stack enumerates from its top: pushed back from the bottom
        for (var i = freeSlots.Length - 1; i >= 0; i--) free.Push(freeSlots[i]);
        var actors = r.Count();
        eventsByActor.EnsureCapacity(actors);
        for (var i = 0; i < actors; i++)
        {
            var actor = r.Ref();
            var n = r.Count();
            var events = new ActorEvents(n);
            for (var j = 0; j < n; j++) events.Append(slots[r.Index(count)] ?? throw new InvalidDataException($"The events of {actor} name a free slot of the reach index."));
            eventsByActor.Add(actor, events);
        }
    }
}
