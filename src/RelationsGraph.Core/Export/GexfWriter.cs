using System.Globalization;
using System.Xml;
using RelationsGraph.Graph;
using RelationsGraph.Model;

namespace RelationsGraph.Export;

/// <summary>
/// GEXF 1.2draft (gexf.net), a dynamic graph for Gephi's timeline: an event lasts for its date's interval
/// (2019-10 is 1 to 31 October), a relationship touching an event lasts as long as the event, and
/// everything else (an undated event too) always exists. The node's GEXF label is its name; every property of
/// <see cref="ExportProperties"/> is a declared attribute. 1.2draft rather than 1.3: Gephi reads both, and
/// NetworkX (<c>nx.read_gexf</c>) and other readers only 1.1draft and 1.2draft; what this writer uses means
/// the same in both versions.
/// </summary>
public sealed class GexfWriter : ISubgraphWriter
{
    public const string Namespace = "http://www.gexf.net/1.2draft";

    public string Name => "gexf";
    public string ContentType => "application/gexf+xml";
    public string FileExtension => ".gexf";

    public void Write(Subgraph subgraph, Stream output)
    {
        var graph = ExportGraph.From(subgraph);
        // an undated event has no interval: like everything else it always exists, and so do its relationships
        var events = graph.Nodes.Select(n => n.Node).OfType<Event>().Where(e => e.Date is not null)
            .ToDictionary(e => e.Id, e => e.Date!.Value, StringComparer.Ordinal);

        using var xml = XmlWriter.Create(output, ExportXml.Settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("gexf", Namespace);
        xml.WriteAttributeString("xmlns", "xsi", null, ExportXml.XsiNamespace);
        xml.WriteAttributeString("schemaLocation", ExportXml.XsiNamespace, $"{Namespace} http://www.gexf.net/1.2draft/gexf.xsd");
        xml.WriteAttributeString("version", "1.2");
        xml.WriteStartElement("meta", Namespace);
        xml.WriteElementString("creator", Namespace, "RelationsGraph");
        xml.WriteElementString("description", Namespace, "Places, people, offices, organizations, events, agreements and figures from press releases, each with the quotes it was read from.");
        xml.WriteEndElement();

        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("defaultedgetype", "directed");
        xml.WriteAttributeString("mode", "dynamic");
        xml.WriteAttributeString("timeformat", "date");
        WriteAttributes(xml, "node", ExportProperties.Node);
        WriteAttributes(xml, "edge", ExportProperties.Edge);

        xml.WriteStartElement("nodes", Namespace);
        xml.WriteAttributeString("count", graph.Nodes.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", ExportXml.Text(node.Id));
            xml.WriteAttributeString("label", ExportXml.Text(ExportGraph.WellFormed(node.Node.DisplayName)));
            if (events.TryGetValue(node.Node.Id, out var own)) WriteInterval(xml, own);
            WriteValues(xml, node.Properties);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteStartElement("edges", Namespace);
        xml.WriteAttributeString("count", graph.Edges.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var edge in graph.Edges)
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", ExportXml.Text(edge.Id));
            xml.WriteAttributeString("source", ExportXml.Text(edge.Source));
            xml.WriteAttributeString("target", ExportXml.Text(edge.Target));
            xml.WriteAttributeString("label", ExportXml.Text(edge.Type));
            if (events.TryGetValue(edge.Edge.Source, out var date) || events.TryGetValue(edge.Edge.Target, out date)) WriteInterval(xml, date);
            WriteValues(xml, edge.Properties);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteInterval(XmlWriter xml, FuzzyDate date)
    {
        xml.WriteAttributeString("start", date.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("end", date.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static void WriteAttributes(XmlWriter xml, string domain, IReadOnlyList<ExportProperty> properties)
    {
        xml.WriteStartElement("attributes", Namespace);
        xml.WriteAttributeString("class", domain);
        foreach (var p in properties)
        {
            xml.WriteStartElement("attribute", Namespace);
            xml.WriteAttributeString("id", p.Name);
            xml.WriteAttributeString("title", p.Name);
            xml.WriteAttributeString("type", p.Type switch
            {
                ExportValueType.Integer => "integer",
                ExportValueType.Decimal => "double",
                _ => "string",
            });
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteValues(XmlWriter xml, IReadOnlyList<PropertyValue> properties)
    {
        xml.WriteStartElement("attvalues", Namespace);
        foreach (var v in properties)
        {
            xml.WriteStartElement("attvalue", Namespace);
            xml.WriteAttributeString("for", v.Property.Name);
            xml.WriteAttributeString("value", ExportXml.Text(v.Text));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}
