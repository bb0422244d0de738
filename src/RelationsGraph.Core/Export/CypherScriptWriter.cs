using System.Globalization;
using System.Text;
using RelationsGraph.Graph;

namespace RelationsGraph.Export;

/// <summary>
/// A Cypher script that recreates the subgraph in an empty Neo4j (3.1 and later, no APOC): nodes as
/// <c>:Entity:&lt;Label&gt;</c> with an <c>id</c> property, then relationships between nodes matched by id,
/// each with its properties. Values are literals (strings escaped), a batch per label or type is one
/// <c>UNWIND [...]</c> statement, and every statement ends with ';' at the end of a line, so that
/// cypher-shell runs the file and a client can send it statement by statement.
/// </summary>
public sealed class CypherScriptWriter : ISubgraphWriter
{
    /// <summary>Rows per statement: large enough to load quickly, small enough for one transaction each.</summary>
    public const int BatchSize = 500;

    public string Name => "cypher";
    public string ContentType => "application/x-cypher-query";
    public string FileExtension => ".cypher";

    public void Write(Subgraph subgraph, Stream output)
    {
        var graph = ExportGraph.From(subgraph);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        // No quotes or semicolons in these comments: an old cypher-shell may not parse comments.
        writer.WriteLine($"// RelationsGraph subgraph: {graph.Nodes.Count.ToString(CultureInfo.InvariantCulture)} nodes, {graph.Edges.Count.ToString(CultureInfo.InvariantCulture)} relationships. Run into an empty database.");
        writer.WriteLine("// Many nodes load faster with an index on :Entity(id) first, created the way the server version wants it.");

        foreach (var group in graph.Nodes.GroupBy(n => n.Node.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
            foreach (var batch in group.Chunk(BatchSize))
            {
                writer.WriteLine();
                writer.WriteLine("UNWIND [");
                writer.WriteLine(string.Join(",\n", batch.Select(n => Map([("id", String(n.Id)), .. Properties(n.Properties)]))));
                writer.WriteLine($"] AS p CREATE (n:Entity:{Identifier(group.Key)}) SET n = p;");
            }

        foreach (var group in graph.Edges.GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
            foreach (var batch in group.Chunk(BatchSize))
            {
                writer.WriteLine();
                writer.WriteLine("UNWIND [");
                writer.WriteLine(string.Join(",\n", batch.Select(e => Map(
                    [("source", String(e.Source)), ("target", String(e.Target)), ("properties", Map([("id", String(e.Id)), .. Properties(e.Properties)]))]))));
                writer.WriteLine("] AS r MATCH (a:Entity {id: r.source}), (b:Entity {id: r.target})");
                writer.WriteLine($"CREATE (a)-[e:{Identifier(group.Key)}]->(b) SET e = r.properties;");
            }
    }

    private static IEnumerable<(string Key, string Literal)> Properties(IReadOnlyList<PropertyValue> values) =>
        values.Select(v => (v.Property.Name, Literal(v.Value)));

    private static string Map(IEnumerable<(string Key, string Literal)> entries) =>
        "{" + string.Join(", ", entries.Select(e => $"{Identifier(e.Key)}: {e.Literal}")) + "}";

    private static string Literal(object value) => value switch
    {
        string s => String(s),
        IReadOnlyList<string> list => "[" + string.Join(", ", list.Select(String)) + "]",
        int i => i.ToString(CultureInfo.InvariantCulture),
        // Always a float, even when whole, so that every value of a property has one type.
        decimal d => d.ToString(CultureInfo.InvariantCulture) is var t && t.Contains('.') ? t : t + ".0",
        _ => throw new InvalidOperationException($"No Cypher literal for a {value.GetType().Name}."),
    };

    /// <summary>
    /// A Cypher string literal in single quotes: backslash, quote and line breaks escaped, every other
    /// control character (and the Unicode line separators, BOM and noncharacters U+FFFE, U+FFFF) as \uXXXX; the rest as it is, in UTF-8.
    /// </summary>
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case < ' ' or (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF':
                    sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>A label, relationship type or key: as it is when it is a plain name, else in backticks.</summary>
    public static string Identifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
