using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;
using RelationsGraph.Text;

namespace RelationsGraph.Ingestion;

/// <summary>
/// Resolves a document's people against what the graph already holds, in the write path of every
/// store, before the document is written:
/// <list type="bullet">
/// <item>someone this document names by surname only ("Ministerpräsident Laschet", "Generalkonsulin Kato")
/// becomes the person of that family name the graph knows by full name, when one holds the same office or
/// only one is known and the offices agree; and someone named in full ("Kikuko Kato") becomes the person an
/// earlier release named by surname only, on the same evidence of offices;</item>
/// <item>an office that took part in an event without a name ("der Generalkonsul") becomes the person
/// the evidence shows holding that office at the event's date.</item>
/// </list>
/// Events are re-keyed after their participants change, so that the same event reported by two
/// publishers is one event. When in doubt (several candidates, no evidence near the date) nothing is
/// changed: a wrong link costs more than a missing one. The graph is read through
/// <see cref="IResolutionReads"/>: the store, or the store with a batch's pending documents on top
/// (<see cref="PendingGraph"/>).
/// </summary>
public sealed class CrossDocumentResolver(IResolutionReads graph)
{
    public CrossDocumentResolver(IGraphStore store) : this(IResolutionReads.Of(store)) { }

    /// <summary>How many days from the evidence of a term an unnamed office holder may be resolved.</summary>
    public const int MaxGapDays = 366;

    public async Task<DocumentGraph> ResolveAsync(DocumentGraph g, CancellationToken ct)
    {
        var nodes = g.Nodes.ToDictionary(n => n.Node.Id, StringComparer.Ordinal);
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        var replaced = new Dictionary<string, GraphNode>(StringComparer.Ordinal);

        foreach (var person in g.Nodes.Select(n => n.Node).OfType<Person>())
        {
            if (await KnownPersonAsync(g, nodes, person, ct) is not { } known) continue;
            rename[person.Id] = known.Id;
            replaced[person.Id] = IsSurnameOnly(person.Name)
                // "Generalkonsulin Kato" is the known Kikuko Kato: the document states her under her full name
                ? known with { Aliases = known.Aliases.Concat(person.Aliases).Append(person.Name).Where(a => a != known.Name).Distinct().ToList() }
                // Kikuko Kato is the "Kato" an earlier release named: the document states her full name under the known id
                : person with { Id = known.Id, Aliases = person.Aliases.Append(known.Name).Where(a => a != person.Name).Distinct().ToList() };
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
                holders[office.Id] = terms = RelationQueries.Holders(office, await graph.GetNeighboursAsync([office.Id], Direction.Incoming, [EdgeTypes.Holds], withEvidence: true, ct));
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

    /// <summary>The family name of a canonical name (given name first, as the extractor writes it: "Kikuko Kato").</summary>
    private static string FamilyName(string name) => name.Trim().Split(' ')[^1];

    /// <summary>
    /// The person the graph already knows whom this document's person is, or null:
    /// <list type="bullet">
    /// <item>a surname alone ("Generalkonsulin Kato") is the known person of that family name who holds one of
    /// the offices the document gives; failing that, the only known person of that family name, when their
    /// offices are compatible (either side has none, or they share a role);</item>
    /// <item>a full name ("Kikuko Kato") is the person known by that very name under another id (linked
    /// before); failing that, the one person known by the surname alone who holds one of the offices the
    /// document gives, or shares a role with it when no other known person of that family name could be meant.</item>
    /// </list>
    /// A full name with no office in the document is left as it is: "Kato" could be anyone.
    /// </summary>
    private async Task<Person?> KnownPersonAsync(DocumentGraph g, IReadOnlyDictionary<string, NodeFact> nodes, Person person, CancellationToken ct)
    {
        var offices = g.Edges.Where(e => e.Edge.Type == EdgeTypes.Holds && e.Edge.Source == person.Id)
            .Select(e => nodes.GetValueOrDefault(e.Edge.Target)?.Node).OfType<Office>().ToList();
        var surnameOnly = IsSurnameOnly(person.Name);
        // A full name is looked up only with an office to go by: that is the evidence a link needs, and most
        // people are named in full, so this spares a store lookup for each of them.
        if (!surnameOnly && offices.Count == 0) return null;
        var family = TextFold.Fold(surnameOnly ? person.Name : FamilyName(person.Name));
        if (family.Length == 0) return null;
        // one lookup: everyone known by the family name (full names carry their surname as an alias)
        var known = (await graph.ResolveAsync(family, ct)).OfType<Person>().Where(c => c.Id != person.Id).ToList();
        bool Named(Person c, string folded) => c.Aliases.Append(c.Name).Any(a => TextFold.Fold(a) == folded);
        if (surnameOnly)
            return await ChooseAsync(known.Where(c => !IsSurnameOnly(c.Name) && Named(c, family)).ToList(), [], offices, needRole: false, ct);

        var sameName = known.Where(c => Named(c, TextFold.Fold(person.Name))).ToList();
        if (sameName.Count > 0) return await ChooseAsync(sameName, [], offices, needRole: false, ct);
        var bySurname = known.Where(c => IsSurnameOnly(c.Name) && TextFold.Fold(c.Name) == family).ToList();
        var others = known.Where(c => !IsSurnameOnly(c.Name) && TextFold.Fold(FamilyName(c.Name)) == family).ToList();
        return await ChooseAsync(bySurname, others, offices, needRole: true, ct);
    }

    /// <summary>
    /// Of the candidates, the one who holds an office this document gives the person (when no competitor
    /// does too); failing that, the only candidate when there are no competitors and the offices are
    /// compatible: they share a role, or (unless <paramref name="needRole"/>) either side has none. Null when in doubt.
    /// </summary>
    private async Task<Person?> ChooseAsync(IReadOnlyList<Person> candidates, IReadOnlyList<Person> competitors, IReadOnlyList<Office> offices, bool needRole, CancellationToken ct)
    {
        if (candidates.Count == 0) return null;
        var held = await OfficesHeldAsync(candidates.Concat(competitors).Select(p => p.Id).ToList(), ct);
        var officeIds = offices.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        bool Shares(Person p) => held[p.Id].Any(o => officeIds.Contains(o.Id));
        var sharing = candidates.Where(Shares).ToList();
        if (sharing.Count > 0) return sharing.Count == 1 && !competitors.Any(Shares) ? sharing[0] : null;
        if (candidates.Count != 1 || competitors.Count > 0) return null;
        var knownRoles = held[candidates[0].Id].Select(o => o.Role).ToHashSet(StringComparer.Ordinal);
        var compatible = offices.Any(o => knownRoles.Contains(o.Role)) || (!needRole && (offices.Count == 0 || knownRoles.Count == 0));
        return compatible ? candidates[0] : null;
    }

    /// <summary>The offices each of the people holds according to the graph (an empty list for someone without).</summary>
    private async Task<Dictionary<string, List<Office>>> OfficesHeldAsync(IReadOnlyCollection<string> people, CancellationToken ct)
    {
        var holds = await graph.GetRelationshipsAsync(people, Direction.Outgoing, [EdgeTypes.Holds], ct);
        var offices = (await graph.GetNodesAsync(holds.Select(h => h.Edge.Target).Distinct().ToList(), ct)).OfType<Office>().ToDictionary(o => o.Id);
        return people.Distinct().ToDictionary(id => id, id => holds.Where(h => h.Edge.Source == id && offices.ContainsKey(h.Edge.Target))
            .Select(h => offices[h.Edge.Target]).ToList());
    }
}
