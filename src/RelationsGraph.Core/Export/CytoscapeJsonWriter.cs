using System.Text.Encodings.Web;
using System.Text.Json;
using RelationsGraph.Graph;

namespace RelationsGraph.Export;

/// <summary>
/// Cytoscape.js elements JSON, as <c>cytoscape({ elements })</c>, <c>cy.add()</c> and Cytoscape desktop's
/// JSON import read it: <c>{"elements": {"nodes": [{"data": {"id", ...}}], "edges": [{"data": {"id", "source", "target", ...}}]}}</c>,
/// each element's data holding the properties of <see cref="ExportProperties"/> (aliases as a list).
/// </summary>
public sealed class CytoscapeJsonWriter : ISubgraphWriter
{
    // Non-ASCII letters as they are, not as \u escapes: this is a download, never inlined into HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "cytoscape";
    public string ContentType => "application/json";
    public string FileExtension => ".cyjs";

    public void Write(Subgraph subgraph, Stream output)
    {
        var graph = ExportGraph.From(subgraph);
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteStartObject("elements");
        json.WriteStartArray("nodes");
        foreach (var node in graph.Nodes)
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteString("id", node.Id);
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
            switch (v.Value)
            {
                case IReadOnlyList<string> list:
                    json.WriteStartArray(v.Property.Name);
                    foreach (var item in list) json.WriteStringValue(item);
                    json.WriteEndArray();
                    break;
                case int i:
                    json.WriteNumber(v.Property.Name, i);
                    break;
                case decimal d:
                    json.WriteNumber(v.Property.Name, d);
                    break;
                default:
                    json.WriteString(v.Property.Name, v.Text);
                    break;
            }
        }
    }
}
