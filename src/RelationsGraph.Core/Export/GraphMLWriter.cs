using System.Xml;
using RelationsGraph.Graph;

namespace RelationsGraph.Export;

/// <summary>
/// GraphML 1.0 (graphml.graphdrawing.org): a <c>key</c> with attr.name and attr.type for every property of
/// <see cref="ExportProperties"/>, one directed graph, nodes and edges with ids.
/// </summary>
public sealed class GraphMLWriter : ISubgraphWriter
{
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    public string Name => "graphml";
    public string ContentType => "application/graphml+xml";
    public string FileExtension => ".graphml";

    public void Write(Subgraph subgraph, Stream output)
    {
        var graph = ExportGraph.From(subgraph);
        using var xml = XmlWriter.Create(output, ExportXml.Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        xml.WriteAttributeString("xmlns", "xsi", null, ExportXml.XsiNamespace);
        xml.WriteAttributeString("schemaLocation", ExportXml.XsiNamespace, $"{Namespace} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        foreach (var p in ExportProperties.Node) WriteKey(xml, "node", p);
        foreach (var p in ExportProperties.Edge) WriteKey(xml, "edge", p);

        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("id", "G");
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", IdToken(node.Id));
            WriteData(xml, "node", node.Properties);
            xml.WriteEndElement();
        }
        foreach (var edge in graph.Edges)
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", IdToken(edge.Id));
            xml.WriteAttributeString("source", IdToken(edge.Source));
            xml.WriteAttributeString("target", IdToken(edge.Target));
            WriteData(xml, "edge", edge.Properties);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>
    /// GraphML ids are XML name tokens: a character a name token cannot hold (such as '@', '>' or a
    /// space) is written as _xHHHH_, which <see cref="XmlConvert.DecodeName"/> reverses.
    /// </summary>
    public static string IdToken(string id) => XmlConvert.EncodeNmToken(id);

    private static string KeyId(string domain, ExportProperty p) => $"{domain[0]}_{p.Name}";

    private static void WriteKey(XmlWriter xml, string domain, ExportProperty p)
    {
        xml.WriteStartElement("key", Namespace);
        xml.WriteAttributeString("id", KeyId(domain, p));
        xml.WriteAttributeString("for", domain);
        xml.WriteAttributeString("attr.name", p.Name);
        xml.WriteAttributeString("attr.type", p.Type switch
        {
            ExportValueType.Integer => "int",
            ExportValueType.Decimal => "double",
            _ => "string",
        });
        xml.WriteEndElement();
    }

    private static void WriteData(XmlWriter xml, string domain, IReadOnlyList<PropertyValue> properties)
    {
        foreach (var v in properties)
        {
            xml.WriteStartElement("data", Namespace);
            xml.WriteAttributeString("key", KeyId(domain, v.Property));
            xml.WriteString(ExportXml.Text(v.Text));
            xml.WriteEndElement();
        }
    }
}
