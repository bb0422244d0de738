using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;
using RelationsGraph.Text;

namespace RelationsGraph.Ingestion;

/// <summary>
/// Resolves a document's people against what the graph already holds, in the write path of every
/// store, before the document is written:
/// <list type="bullet">
/// <item>someone this document names by surname only ("Ministerpräsident Laschet") becomes the one
/// person of that surname the graph knows by full name, when their offices agree;</item>
/// <item>an office that took part in an event without a name ("der Generalkonsul") becomes the person
/// the evidence shows holding that office at the event's date.</item>
/// </list>
/// Events are re-keyed after their participants change, so that the same event reported by two
/// publishers is one event. When in doubt (several candidates, no evidence near the date) nothing is
/// changed: a wrong link costs more than a missing one.
/// </summary>
public sealed class CrossDocumentResolver(IGraphStore store)
{
    /// <summary>How many days from the evidence of a term an unnamed office holder may be resolved.</summary>
    public const int MaxGapDays = 366;

    public async Task<DocumentGraph> ResolveAsync(DocumentGraph g, CancellationToken ct)
    {
        var nodes = g.Nodes.ToDictionary(n => n.Node.Id, StringComparer.Ordinal);
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        var replaced = new Dictionary<string, GraphNode>(StringComparer.Ordinal);

        foreach (var person in g.Nodes.Select(n => n.Node).OfType<Person>().Where(p => IsSurnameOnly(p.Name)))
        {
            var candidates = (await store.ResolveAsync(person.Name, ct)).OfType<Person>()
                .Where(c => c.Id != person.Id && !IsSurnameOnly(c.Name) && c.Aliases.Append(c.Name).Any(a => TextFold.Fold(a) == TextFold.Fold(person.Name)))
                .ToList();
            if (candidates.Count != 1 || !await OfficesAgreeAsync(g, nodes, person, candidates[0], ct)) continue;
            var known = candidates[0];
            rename[person.Id] = known.Id;
            replaced[person.Id] = known with { Aliases = known.Aliases.Concat(person.Aliases).Append(person.Name).Where(a => a != known.Name).Distinct().ToList() };
        }

        var added = new List<NodeFact>();
        var retarget = new Dictionary<string, string>(StringComparer.Ordinal);
        var holders = new Dictionary<string, IReadOnlyList<OfficeTerm>>(StringComparer.Ordinal);
        foreach (var edge in g.Edges.Where(e => e.Edge.Type == EdgeTypes.Participant && nodes.GetValueOrDefault(e.Edge.Target)?.Node is Office))
        {
            // an undated event gives no date to find the holder at: the office stays as the release names it
            if (nodes.GetValueOrDefault(edge.Edge.Source)?.Node is not Event { Date: { } date }) continue;
            var office = (Office)nodes[edge.Edge.Target].Node;
            if (!holders.TryGetValue(office.Id, out var terms))
                holders[office.Id] = terms = await new RelationQueries(store).HoldersAsync(office, ct);
            if (OfficeTerm.HolderNear(terms, date, MaxGapDays) is not { } holder) continue;
            retarget[edge.Edge.Id] = holder.Person.Id;
            if (!nodes.ContainsKey(holder.Person.Id) && added.All(a => a.Node.Id != holder.Person.Id))
                added.Add(new NodeFact(holder.Person, edge.Evidence));
        }
        if (rename.Count == 0 && retarget.Count == 0) return g;

        string Id(string id) => rename.GetValueOrDefault(id, id);
        var edges = g.Edges.Select(e => new EdgeFact(e.Edge with
        {
            Source = Id(e.Edge.Source),
            Target = retarget.TryGetValue(e.Edge.Id, out var holderId) ? holderId : Id(e.Edge.Target),
        }, e.Evidence)).ToList();
        var newNodes = g.Nodes.Select(n => replaced.TryGetValue(n.Node.Id, out var r) ? n with { Node = r } : n).Concat(added).ToList();

        // Re-key the events whose people changed, as the extractor keys them: by their people, else place and sides.
        var people = newNodes.Where(n => n.Node is Person).Select(n => n.Node.Id).ToHashSet(StringComparer.Ordinal);
        var eventIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ev in newNodes.Select(n => n.Node).OfType<Event>())
        {
            var outgoing = edges.Where(e => e.Edge.Source == ev.Id).Select(e => e.Edge).ToList();
            var touched = g.Edges.Any(e => e.Edge.Source == ev.Id && (rename.ContainsKey(e.Edge.Target) || retarget.ContainsKey(e.Edge.Id)));
            if (!touched) continue;
            var id = GraphIds.Event(ev.Type, ev.Date,
                outgoing.Where(e => e.Type == EdgeTypes.Participant && people.Contains(e.Target)).Select(e => e.Target).Distinct(),
                outgoing.FirstOrDefault(e => e.Type == EdgeTypes.At)?.Target,
                outgoing.Where(e => e.Type == EdgeTypes.Involves).Select(e => e.Target));
            if (id != ev.Id) eventIds[ev.Id] = id;
        }
        string EventId(string id) => eventIds.GetValueOrDefault(id, id);
        newNodes = newNodes.Select(n => n.Node is Event ev && eventIds.ContainsKey(ev.Id) ? n with { Node = ev with { Id = eventIds[ev.Id] } } : n)
            .GroupBy(n => n.Node.Id, StringComparer.Ordinal).Select(grp => grp.Count() == 1 ? grp.First() : grp.First() with { Evidence = grp.SelectMany(x => x.Evidence).Distinct().ToList() })
            .ToList();
        edges = edges.Select(e => e with { Edge = e.Edge with { Source = EventId(e.Edge.Source), Target = EventId(e.Edge.Target) } })
            .GroupBy(e => e.Edge.Id, StringComparer.Ordinal).Select(grp => grp.First() with { Evidence = grp.SelectMany(x => x.Evidence).Distinct().ToList() })
            .ToList();
        return g with { Nodes = newNodes, Edges = edges };
    }

    private static bool IsSurnameOnly(string name) => !name.Trim().Contains(' ');

    /// <summary>The offices this document gives the person must be held, by role, by the known person too (when the document gives any).</summary>
    private async Task<bool> OfficesAgreeAsync(DocumentGraph g, IReadOnlyDictionary<string, NodeFact> nodes, Person person, Person known, CancellationToken ct)
    {
        var roles = g.Edges.Where(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == person.Id)
            .Select(e => nodes.GetValueOrDefault(e.Edge.Target)?.Node).OfType<Office>().Select(o => o.Role).ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0) return true;
        var holds = await store.GetRelationshipsAsync([known.Id], Direction.Outgoing, [EdgeTypes.Holds], ct);
        var knownRoles = (await store.GetNodesAsync(holds.Select(h => h.Edge.Target).ToList(), ct)).OfType<Office>().Select(o => o.Role);
        return roles.Overlaps(knownRoles);
    }
}
