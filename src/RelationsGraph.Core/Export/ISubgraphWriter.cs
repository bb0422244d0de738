using RelationsGraph.Graph;

namespace RelationsGraph.Export;

/// <summary>Writes a subgraph in one file format. The same subgraph always gives the same bytes.</summary>
public interface ISubgraphWriter
{
    /// <summary>The name a user chooses the format by, in lower case ("graphml").</summary>
    string Name { get; }

    /// <summary>The media type of what <see cref="Write"/> produces.</summary>
    string ContentType { get; }

    /// <summary>The file name extension, with its dot (".graphml").</summary>
    string FileExtension { get; }

    /// <summary>Writes the subgraph to the stream (UTF-8 without BOM where it is text) and leaves the stream open.</summary>
    void Write(Subgraph subgraph, Stream output);
}

public static class SubgraphWriterExtensions
{
    /// <summary>
    /// Writes without blocking on the stream (an HTTP response allows no synchronous writes): the export is
    /// made in memory, which a subgraph's node limit keeps small, then copied.
    /// </summary>
    public static async Task WriteAsync(this ISubgraphWriter writer, Subgraph subgraph, Stream output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        writer.Write(subgraph, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
