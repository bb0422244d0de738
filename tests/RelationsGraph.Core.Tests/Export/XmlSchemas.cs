using System.Xml;
using System.Xml.Schema;

namespace RelationsGraph.Core.Tests.Export;

/// <summary>The GraphML and GEXF schemas of Export/Schemas (see SOURCES.md there), compiled once, and validation against them.</summary>
internal static class XmlSchemas
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Export", "Schemas");

    public static XmlSchemaSet GraphML { get; } = Load(Path.Combine(Folder, "graphml", "graphml.xsd"));

    /// <summary>GEXF 1.2draft as published (SOURCES.md).</summary>
    public static XmlSchemaSet Gexf12 { get; } = Load(Path.Combine(Folder, "gexf-1.2draft", "gexf.xsd"));

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

    private static XmlSchemaSet Load(string path)
    {
        var resolver = new LocalSchemaResolver();
        var set = new XmlSchemaSet { XmlResolver = resolver };
        using (var stream = (Stream)resolver.GetEntity(new Uri(path), null, typeof(Stream)))
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { XmlResolver = resolver }, new Uri(path).AbsoluteUri))
            set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Imports such as xlink.xsd or viz.xsd come from the same folder, never from the network.</summary>
    private sealed class LocalSchemaResolver : XmlResolver
    {
        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile || !File.Exists(absoluteUri.LocalPath))
                throw new XmlException($"Schema {absoluteUri} is not in Export/Schemas: validation must not fetch anything.");
            return File.OpenRead(absoluteUri.LocalPath);
        }
    }
}
