using System.Globalization;
using System.Text;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Export;

/// <summary>A property's value: a string, a list of strings, an int or a decimal, as its type says. Never null.</summary>
public readonly record struct PropertyValue(ExportProperty Property, object Value)
{
    /// <summary>The value as text for formats without lists or numbers: invariant culture, lists joined by "; ".</summary>
    public string Text => Value switch
    {
        string s => s,
        IReadOnlyList<string> list => string.Join("; ", list),
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Property {Property.Name} has a value of type {Value.GetType().Name}."),
    };
}

/// <summary>A node with its properties, in the order of <see cref="ExportProperties.Node"/>; absent ones left out.</summary>
public sealed record ExportNode(GraphNode Node, IReadOnlyList<PropertyValue> Properties)
{
    public string Id => ExportGraph.WellFormed(Node.Id);
}

/// <summary>A relationship with its properties, in the order of <see cref="ExportProperties.Edge"/>; absent ones left out.</summary>
public sealed record ExportEdge(GraphEdge Edge, IReadOnlyList<PropertyValue> Properties)
{
    public string Id => ExportGraph.WellFormed(Edge.Id);
    public string Type => ExportGraph.WellFormed(Edge.Type);
    public string Source => ExportGraph.WellFormed(Edge.Source);
    public string Target => ExportGraph.WellFormed(Edge.Target);
}

/// <summary>
/// A subgraph as every writer reads it: nodes by id, relationships by id (ordinal), each flattened to
/// properties, so that the same subgraph always gives the same bytes.
/// </summary>
public sealed record ExportGraph(IReadOnlyList<ExportNode> Nodes, IReadOnlyList<ExportEdge> Edges)
{
    /// <summary>
    /// Flattens and orders a subgraph. Throws <see cref="ArgumentException"/> when a node id is empty or
    /// repeated, or a relationship repeats or points outside the subgraph: no format can say that.
    /// </summary>
    public static ExportGraph From(Subgraph subgraph)
    {
        var nodes = new SortedDictionary<string, ExportNode>(StringComparer.Ordinal);
        foreach (var node in subgraph.Nodes)
        {
            if (string.IsNullOrEmpty(node.Id)) throw new ArgumentException($"A {node.Label} node has an empty id; every exported node needs one.", nameof(subgraph));
            var evidence = subgraph.NodeEvidence.TryGetValue(node.Id, out var quotes) ? quotes : [];
            if (!nodes.TryAdd(node.Id, new ExportNode(node, Flatten(node, evidence))))
                throw new ArgumentException($"Node '{node.Id}' is in the subgraph twice; node ids must be unique.", nameof(subgraph));
        }
        var edges = new SortedDictionary<string, ExportEdge>(StringComparer.Ordinal);
        foreach (var r in subgraph.Relationships)
        {
            foreach (var end in new[] { r.Edge.Source, r.Edge.Target })
                if (!nodes.ContainsKey(end))
                    throw new ArgumentException($"Relationship '{r.Edge.Id}' points to '{end}', which is not a node of the subgraph; a subgraph's relationships must join its own nodes.", nameof(subgraph));
            if (string.IsNullOrEmpty(r.Edge.Type)) throw new ArgumentException($"Relationship '{r.Edge.Id}' has no type.", nameof(subgraph));
            if (!edges.TryAdd(r.Edge.Id, new ExportEdge(r.Edge, Flatten(r.Edge, r.Evidence))))
                throw new ArgumentException($"Relationship '{r.Edge.Id}' is in the subgraph twice; relationship ids must be unique.", nameof(subgraph));
        }
        return new ExportGraph(nodes.Values.ToList(), edges.Values.ToList());
    }

    /// <summary>A node's properties in the order of <see cref="ExportProperties.Node"/>, with its quotes.</summary>
    public static IReadOnlyList<PropertyValue> Flatten(GraphNode node, IReadOnlyList<EvidenceSpan> evidence)
    {
        var values = new Dictionary<ExportProperty, object?> { [ExportProperties.Label] = node.Label, [ExportProperties.Name] = node.DisplayName };
        void Set(ExportProperty property, object? value) => values[property] = value;
        switch (node)
        {
            case Place p:
                Set(ExportProperties.Kind, p.Kind.ToString());
                Set(ExportProperties.Iso, p.Iso);
                Set(ExportProperties.Aliases, p.Aliases);
                break;
            case Person p:
                Set(ExportProperties.Aliases, p.Aliases);
                break;
            case Office o:
                Set(ExportProperties.Title, o.Title);
                Set(ExportProperties.Role, o.Role);
                Set(ExportProperties.Aliases, o.Aliases);
                break;
            case Organization o:
                Set(ExportProperties.Kind, o.Kind.ToString());
                Set(ExportProperties.Aliases, o.Aliases);
                break;
            case Event e:
                Set(ExportProperties.Title, e.Title);
                Set(ExportProperties.Type, e.Type.ToString());
                // an undated event has neither: absent, as an agreement without a date
                Set(ExportProperties.Date, e.Date?.ToString());
                Set(ExportProperties.DatePrecision, e.Date?.Precision.ToString());
                break;
            case Agreement a:
                Set(ExportProperties.Title, a.Title);
                Set(ExportProperties.Kind, a.Kind);
                Set(ExportProperties.Status, a.Status.ToString());
                Set(ExportProperties.Count, a.Count);
                Set(ExportProperties.Date, a.Date?.ToString());
                Set(ExportProperties.DatePrecision, a.Date?.Precision.ToString());
                break;
            case Statistic s:
                Set(ExportProperties.Subject, s.Subject);
                Set(ExportProperties.Metric, s.Metric);
                Set(ExportProperties.Value, s.Value);
                Set(ExportProperties.Qualifier, s.Qualifier.ToString());
                Set(ExportProperties.Unit, s.Unit);
                Set(ExportProperties.AsOf, s.AsOf?.ToString());
                break;
            case Document d:
                Set(ExportProperties.Title, d.Title);
                Set(ExportProperties.Url, d.Url);
                Set(ExportProperties.Published, d.Published?.ToString());
                Set(ExportProperties.Publisher, d.Publisher);
                Set(ExportProperties.Language, d.Language);
                Set(ExportProperties.SourceName, d.SourceName);
                break;
        }
        AddEvidence(values, evidence);
        return Ordered(ExportProperties.Node, values);
    }

    /// <summary>A relationship's properties in the order of <see cref="ExportProperties.Edge"/>, with its quotes.</summary>
    public static IReadOnlyList<PropertyValue> Flatten(GraphEdge edge, IReadOnlyList<EvidenceSpan> evidence)
    {
        var values = new Dictionary<ExportProperty, object?>
        {
            [ExportProperties.Type] = edge.Type,
            [ExportProperties.Role] = edge.Role,
            [ExportProperties.Title] = edge.Title,
            [ExportProperties.AsOf] = edge.AsOf?.ToString(),
        };
        AddEvidence(values, evidence);
        return Ordered(ExportProperties.Edge, values);
    }

    private static void AddEvidence(Dictionary<ExportProperty, object?> values, IReadOnlyList<EvidenceSpan> evidence)
    {
        var spans = evidence.Distinct()
            .OrderBy(e => e.DocumentId, StringComparer.Ordinal).ThenBy(e => e.Start).ThenBy(e => e.End).ThenBy(e => e.Quote, StringComparer.Ordinal)
            .ToList();
        if (spans.Count > 0)
            values[ExportProperties.Evidence] = string.Join("\n", spans.Select(e => $"{e.DocumentId}@{e.Start.ToString(CultureInfo.InvariantCulture)}-{e.End.ToString(CultureInfo.InvariantCulture)}: {e.Quote}"));
        values[ExportProperties.EvidenceCount] = spans.Count;
    }

    private static List<PropertyValue> Ordered(IReadOnlyList<ExportProperty> order, Dictionary<ExportProperty, object?> values)
    {
        var result = new List<PropertyValue>();
        foreach (var property in order)
        {
            var value = values.GetValueOrDefault(property) switch
            {
                null or IReadOnlyList<string> { Count: 0 } => null,
                string s => WellFormed(s),
                IReadOnlyList<string> list => list.Select(WellFormed).ToList(),
                var other => other,
            };
            if (value is not null) result.Add(new PropertyValue(property, value));
        }
        return result;
    }

    /// <summary>
    /// A lone UTF-16 surrogate has no UTF-8 form: every format here is UTF-8, so it becomes U+FFFD
    /// here, once, rather than differently in each encoder.
    /// </summary>
    public static string WellFormed(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) sb.Append(rune.ToString());
        return sb.ToString();
    }
}
