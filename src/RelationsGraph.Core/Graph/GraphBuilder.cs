using RelationsGraph.Extraction;
using RelationsGraph.Model;
using RelationsGraph.Text;

namespace RelationsGraph.Graph;

/// <summary>
/// Turns one document's extraction into the graph delta a store writes: nodes and edges with
/// deterministic ids, each with the quote it came from; places with their PART_OF chain from the gazetteer.
/// </summary>
public sealed class GraphBuilder(Gazetteer gazetteer)
{
    public GraphBuilder() : this(Gazetteer.Shared) { }

    public DocumentGraph Build(ExtractionResult r)
    {
        var docId = r.Document.Id;
        var nodes = new Dictionary<string, NodeFact>(StringComparer.Ordinal);
        var edges = new Dictionary<string, EdgeFact>(StringComparer.Ordinal);
        EvidenceSpan[] Ev(TextRange range) => range.End > range.Start ? [new EvidenceSpan(docId, r.Quote(range), range.Start, range.End)] : [];
        void Node(GraphNode n, TextRange range) => nodes.TryAdd(n.Id, new NodeFact(n, Ev(range)));
        void Edge(GraphEdge e, TextRange range) => edges.TryAdd(e.Id, new EdgeFact(e, Ev(range)));

        var d = r.Document;
        var document = new Document(docId, d.Title, d.Url, d.Published, d.Publisher, d.Language, d.ContentHash, d.SourceName);

        foreach (var p in r.Places) AddPlace(p.Id, p.Name, p.Range, nodes, Ev);

        foreach (var o in r.Organizations)
        {
            Node(new Organization(o.Id, o.Name, o.Kind, []), o.Range);
            if (o.JurisdictionId is { } j && nodes.ContainsKey(j) || o.JurisdictionId is { } j2 && AddPlace(j2, null, default, nodes, Ev))
                Edge(new GraphEdge(EdgeTypes.BasedIn, o.Id, o.JurisdictionId!), o.Range);
        }

        foreach (var p in r.Persons)
        {
            var surname = p.Name.Split(' ')[^1];
            Node(new Person(p.Id, p.Name, p.Aliases.Append(surname).Distinct().Where(a => a != p.Name).ToList()), p.Range);
            foreach (var o in p.Offices)
            {
                var title = OfficeTitle(o, r.Document.Language);
                Node(new Office(o.Id, title, o.Role, [o.Title]), o.Range);
                if (o.JurisdictionId is { } j && (nodes.ContainsKey(j) || AddPlace(j, null, default, nodes, Ev)))
                    Edge(new GraphEdge(EdgeTypes.Of, o.Id, j), o.Range);
                // The office node's title is whichever document wins its merge; the person keeps the form this document uses for them.
                Edge(new GraphEdge(EdgeTypes.Holds, p.Id, o.Id, AsOf: o.AsOf, Title: title), o.Range);
            }
        }

        foreach (var o in r.UnnamedOffices)
        {
            Node(new Office(o.Id, OfficeTitle(o, r.Document.Language), o.Role, [o.Title]), o.Range);
            if (o.JurisdictionId is { } j && (nodes.ContainsKey(j) || AddPlace(j, null, default, nodes, Ev)))
                Edge(new GraphEdge(EdgeTypes.Of, o.Id, j), o.Range);
        }

        foreach (var a in r.Agreements)
        {
            Node(new Agreement(a.Id, a.Title, a.Kind, a.Count, a.Action, a.Date), a.Quote);
            foreach (var party in a.PartyIds)
                if (nodes.ContainsKey(party) || AddPlace(party, null, default, nodes, Ev))
                    Edge(new GraphEdge(EdgeTypes.Party, a.Id, party), a.Quote);
        }

        foreach (var e in r.Events)
        {
            Node(new Event(e.Id, e.Type, e.Date, e.Title), e.Quote);
            foreach (var p in e.PersonIds.Concat(e.OrganizationIds).Concat(e.OfficeIds)) Edge(new GraphEdge(EdgeTypes.Participant, e.Id, p, Role: e.Roles.GetValueOrDefault(p)), e.Quote);
            if (e.PlaceId is { } at) Edge(new GraphEdge(EdgeTypes.At, e.Id, at), e.Quote);
            foreach (var side in e.InvolvedIds)
                if (nodes.ContainsKey(side) || AddPlace(side, null, default, nodes, Ev))
                    Edge(new GraphEdge(EdgeTypes.Involves, e.Id, side), e.Quote);
            foreach (var a in e.AgreementIds) Edge(new GraphEdge(EdgeTypes.Concerns, e.Id, a), e.Quote);
        }

        foreach (var s in r.Statistics)
        {
            Node(new Statistic(s.Id, s.Subject, s.Metric, s.Value, s.Qualifier, s.Unit, s.AsOf), s.Quote);
            foreach (var about in s.AboutIds)
                if (nodes.ContainsKey(about)) Edge(new GraphEdge(EdgeTypes.About, s.Id, about), s.Quote);
        }

        // The gazetteer's PART_OF chain (city → Land → country) lets questions roll up; it is reference data, without quotes.
        foreach (var id in nodes.Values.Where(n => n.Node is Place).Select(n => n.Node.Id).ToList())
        {
            var child = id;
            foreach (var parent in gazetteer.SelfAndAncestors(id).Skip(1))
            {
                AddPlace(parent, null, default, nodes, Ev);
                edges.TryAdd($"{EdgeTypes.PartOf}:{child}->{parent}", new EdgeFact(new GraphEdge(EdgeTypes.PartOf, child, parent), []));
                child = parent;
            }
        }

        // Edges only between nodes this document has.
        var kept = edges.Values.Where(e => nodes.ContainsKey(e.Edge.Source) && nodes.ContainsKey(e.Edge.Target)).ToList();
        return new DocumentGraph(document, nodes.Values.ToList(), kept);
    }

    private bool AddPlace(string id, string? surface, TextRange range, Dictionary<string, NodeFact> nodes, Func<TextRange, EvidenceSpan[]> ev)
    {
        if (nodes.ContainsKey(id)) return true;
        if (gazetteer.Find(id) is not { } entry) return false;
        var names = new[] { entry.NameEn, surface }.Concat(entry.Aliases).OfType<string>()
            .Where(n => n.Length > 0 && n != entry.NameDe).Distinct().ToList();
        var iso = entry.Kind == PlaceKind.City ? null : entry.Id;
        nodes[id] = new NodeFact(new Place(id, entry.NameDe, entry.Kind, iso, names), ev(range));
        return true;
    }

    private string OfficeTitle(ExtractedOffice o, string language)
    {
        // The title as the text gives it when it names the jurisdiction; else title + jurisdiction ("Ministerpräsident von Nordrhein-Westfalen").
        var place = o.JurisdictionId is null ? null : gazetteer.Find(o.JurisdictionId);
        if (place is null) return o.Title;
        var name = place.Name(language);
        if (TextFold.Fold(o.Title).Contains(TextFold.Fold(name), StringComparison.Ordinal)) return o.Title;
        return language == "en" ? $"{o.Title} of {name}" : $"{o.Title} von {name}";
    }
}
