using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Schema;

namespace RelationsGraph.Core.Tests.Export;

/// <summary>The GraphML and GEXF schemas of Export/Schemas (see SOURCES.md there), compiled once, and validation against them.</summary>
internal static partial class XmlSchemas
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Export", "Schemas");

    public static XmlSchemaSet GraphML { get; } = Load(Path.Combine(Folder, "graphml", "graphml.xsd"), xsd => xsd);

    /// <summary>GEXF 1.2draft retargeted to 1.3 (namespaces, version; 1.3 dropped startopen/endopen): SOURCES.md says why.</summary>
    public static XmlSchemaSet Gexf13 { get; } = Load(Path.Combine(Folder, "gexf-1.2draft", "gexf.xsd"), xsd =>
        OpenIntervals().Replace(
            xsd.Replace("http://www.gexf.net/1.2draft", "http://gexf.net/1.3", StringComparison.Ordinal)
               .Replace("<xs:enumeration value=\"1.2\"/>", "<xs:enumeration value=\"1.3\"/>", StringComparison.Ordinal),
            ""));

    [GeneratedRegex("""<xs:attribute name="(startopen|endopen)"[^>]*/>""")]
    private static partial Regex OpenIntervals();

    /// <summary>Every error and warning (a warning such as "no schema for this element" means it was not validated at all).</summary>
    public static IReadOnlyList<string> Validate(XmlSchemaSet schemas, byte[] document)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception.LineNumber}:{e.Exception.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read()) { }
        return problems;
    }

    private static XmlSchemaSet Load(string path, Func<string, string> transform)
    {
        var resolver = new LocalSchemaResolver(transform);
        var set = new XmlSchemaSet { XmlResolver = resolver };
        using (var stream = (Stream)resolver.GetEntity(new Uri(path), null, typeof(Stream)))
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { XmlResolver = resolver }, new Uri(path).AbsoluteUri))
            set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Imports such as xlink.xsd or viz.xsd come from the same folder, never from the network, transformed like the main schema.</summary>
    private sealed class LocalSchemaResolver(Func<string, string> transform) : XmlResolver
    {
        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile || !File.Exists(absoluteUri.LocalPath))
                throw new XmlException($"Schema {absoluteUri} is not in Export/Schemas: validation must not fetch anything.");
            return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(transform(File.ReadAllText(absoluteUri.LocalPath))));
        }
    }
}
