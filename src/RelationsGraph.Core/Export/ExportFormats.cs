using System.Diagnostics.CodeAnalysis;

namespace RelationsGraph.Export;

/// <summary>The export formats by name: graphml, gexf, cytoscape, csv, cypher.</summary>
public static class ExportFormats
{
    public static IReadOnlyList<ISubgraphWriter> All { get; } =
        [new GraphMLWriter(), new GexfWriter(), new CytoscapeJsonWriter(), new CsvWriter(), new CypherScriptWriter()];

    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToList();

    /// <summary>The writer of that name, ignoring case; null when there is none.</summary>
    public static ISubgraphWriter? Find(string? name) =>
        All.FirstOrDefault(w => string.Equals(w.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static bool TryFind(string? name, [NotNullWhen(true)] out ISubgraphWriter? writer) => (writer = Find(name)) is not null;

    /// <summary>The writer of that name, ignoring case; <see cref="ArgumentException"/> saying which names there are when there is none.</summary>
    public static ISubgraphWriter Get(string? name) => Find(name) ?? throw new ArgumentException(UnknownFormatMessage(name), nameof(name));

    /// <summary>"Unknown format 'x'; use one of graphml, gexf, cytoscape, csv, cypher."</summary>
    public static string UnknownFormatMessage(string? name) => $"Unknown format '{name}'; use one of {string.Join(", ", Names)}.";
}
