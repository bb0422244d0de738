using System.Text.Encodings.Web;
using System.Text.Json;
using RelationsGraph.Graph;

namespace RelationsGraph.Export;

/// <summary>
/// Cytoscape JSON (<c>.cyjs</c>) as Cytoscape desktop writes it and cytoscape.js, Cytoscape desktop's import
/// and NetworkX's <c>nx.cytoscape_graph</c> read it:
/// <c>{"data": {"name"}, "directed": true, "multigraph": true, "elements": {"nodes": [{"data": {"id", "value", ...}}],
/// "edges": [{"data": {"id", "key", "source", "target", ...}}]}}</c>, each element's data holding the
/// properties of <see cref="ExportProperties"/> (aliases as a list). NetworkX needs the top-level
/// <c>data</c>, takes a node's <c>value</c> as the node and an edge's <c>key</c> to tell apart two
/// relationships between the same nodes: both are the element's id. So a figure's own value, which
/// the other formats call <c>value</c>, is <c>amount</c> here.
/// </summary>
public sealed class CytoscapeJsonWriter : ISubgraphWriter
{
    // Non-ASCII letters as they are, not as \u escapes: this is a download, never inlined into HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "cytoscape";
    public string ContentType => "application/json";
    public string FileExtension => ".cyjs";

    /// <summary>What <see cref="ExportProperties.Value"/> (a figure's value) is called here, since NetworkX reads <c>value</c> as the node itself.</summary>
    public const string FigureValue = "amount";

    public void Write(Subgraph subgraph, Stream output)
    {
        var graph = ExportGraph.From(subgraph);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartObject("data");
        json.WriteString("name", "RelationsGraph");
        json.WriteEndObject();
        json.WriteBoolean("directed", true);
        json.WriteBoolean("multigraph", true); // two relationships may join the same two nodes
        json.WriteStartObject("elements");
        json.WriteStartArray("nodes");
        foreach (var node in graph.Nodes)
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteString("id", node.Id);
            json.WriteString("value", node.Id);
            WriteProperties(json, node.Properties);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("edges");
        foreach (var edge in graph.Edges)
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteString("id", edge.Id);
            json.WriteString("key", edge.Id);
            json.WriteString("source", edge.Source);
            json.WriteString("target", edge.Target);
            WriteProperties(json, edge.Properties);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter json, IReadOnlyList<PropertyValue> properties)
    {
        foreach (var v in properties)
        {
            var name = v.Property == ExportProperties.Value ? FigureValue : v.Property.Name;
            switch (v.Value)
            {
                case IReadOnlyList<string> list:
                    json.WriteStartArray(name);
                    foreach (var item in list) json.WriteStringValue(item);
                    json.WriteEndArray();
                    break;
                case int i:
                    json.WriteNumber(name, i);
                    break;
                case decimal d:
                    json.WriteNumber(name, d);
                    break;
                default:
                    json.WriteString(name, v.Text);
                    break;
            }
        }
    }
}
