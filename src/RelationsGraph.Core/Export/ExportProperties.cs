namespace RelationsGraph.Export;

/// <summary>What a property's values are; each format maps these to its own types.</summary>
public enum ExportValueType { String, StringList, Integer, Decimal }

/// <summary>A property that exports carry for nodes or relationships: its name and value type.</summary>
public sealed record ExportProperty(string Name, ExportValueType Type);

/// <summary>
/// The one property set every format writes, in this order: nodes carry their kind label, the name a
/// person reads and the properties of their kind (graph-schema/README.md); relationships carry type, role, title (HOLDS)
/// and date; both carry their quotes as one string (<see cref="Evidence"/>) and how many there are.
/// </summary>
public static class ExportProperties
{
    public static readonly ExportProperty Label = new("label", ExportValueType.String);
    public static readonly ExportProperty Name = new("name", ExportValueType.String);
    public static readonly ExportProperty Title = new("title", ExportValueType.String);
    public static readonly ExportProperty Kind = new("kind", ExportValueType.String);
    public static readonly ExportProperty Iso = new("iso", ExportValueType.String);
    public static readonly ExportProperty Aliases = new("aliases", ExportValueType.StringList);
    public static readonly ExportProperty Role = new("role", ExportValueType.String);
    public static readonly ExportProperty Type = new("type", ExportValueType.String);
    public static readonly ExportProperty Date = new("date", ExportValueType.String);
    public static readonly ExportProperty DatePrecision = new("datePrecision", ExportValueType.String);
    public static readonly ExportProperty Status = new("status", ExportValueType.String);
    public static readonly ExportProperty Count = new("count", ExportValueType.Integer);
    public static readonly ExportProperty Subject = new("subject", ExportValueType.String);
    public static readonly ExportProperty Metric = new("metric", ExportValueType.String);
    public static readonly ExportProperty Value = new("value", ExportValueType.Decimal);
    public static readonly ExportProperty Qualifier = new("qualifier", ExportValueType.String);
    public static readonly ExportProperty Unit = new("unit", ExportValueType.String);
    public static readonly ExportProperty AsOf = new("asOf", ExportValueType.String);
    public static readonly ExportProperty Url = new("url", ExportValueType.String);
    public static readonly ExportProperty Published = new("published", ExportValueType.String);
    public static readonly ExportProperty Publisher = new("publisher", ExportValueType.String);
    public static readonly ExportProperty Language = new("language", ExportValueType.String);
    public static readonly ExportProperty SourceName = new("sourceName", ExportValueType.String);

    /// <summary>The quotes, one a line: <c>documentId@start-end: quote</c>.</summary>
    public static readonly ExportProperty Evidence = new("evidence", ExportValueType.String);
    public static readonly ExportProperty EvidenceCount = new("evidenceCount", ExportValueType.Integer);

    /// <summary>Every property a node can have, in the order writers use (columns, keys, attributes).</summary>
    public static IReadOnlyList<ExportProperty> Node { get; } =
    [
        Label, Name, Title, Kind, Iso, Aliases, Role, Type, Date, DatePrecision, Status, Count,
        Subject, Metric, Value, Qualifier, Unit, AsOf, Url, Published, Publisher, Language, SourceName,
        Evidence, EvidenceCount,
    ];

    /// <summary>Every property a relationship can have, in the order writers use; a HOLDS relationship's title is the office as the evidence words it for that holder.</summary>
    public static IReadOnlyList<ExportProperty> Edge { get; } = [Type, Role, Title, AsOf, Evidence, EvidenceCount];
}
