using Microsoft.Extensions.Logging;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;

namespace RelationsGraph.Ingestion;

/// <summary>What happened to one file of an ingestion run.</summary>
public sealed record IngestedFile(string Path, IngestOutcome? Outcome, string? Error, IReadOnlyList<string> Warnings);

/// <summary>
/// The ingestion pipeline for files and folders: read → extract → build the graph delta → one
/// atomic write per document. A file that cannot be ingested is reported with the reason; the rest go on.
/// </summary>
public sealed class DocumentIngestor(IGraphStore store, PressReleaseExtractor extractor, GraphBuilder builder, ILogger<DocumentIngestor> logger)
{
    private readonly CrossDocumentResolver resolver = new(store);

    public static readonly string[] Extensions = [".txt", ".md", ".markdown", ".html", ".htm"];

    /// <summary>Press releases under a path: the file itself, or the supported files of a folder (not its subfolders, not a README), in name order.</summary>
    public static IReadOnlyList<string> FilesAt(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"No file or folder at '{path}'.");
        return Directory.EnumerateFiles(path)
            .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
            // a folder's README describes the folder; it is not a press release
            .Where(f => !System.IO.Path.GetFileNameWithoutExtension(f).Equals("README", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<IngestedFile>> IngestPathAsync(string path, IProgress<IngestedFile>? progress, CancellationToken cancellationToken)
    {
        var results = new List<IngestedFile>();
        foreach (var file in FilesAt(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r = await IngestFileAsync(file, cancellationToken);
            results.Add(r);
            progress?.Report(r);
        }
        return results;
    }

    public async Task<IngestedFile> IngestFileAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            var source = SourceText.Read(file);
            var outcome = await IngestAsync(source, new DocumentHints(SourceName: System.IO.Path.GetFileName(file)), cancellationToken);
            return new IngestedFile(file, outcome.Outcome, null, outcome.Warnings);
        }
        catch (DocumentRejectedException e)
        {
            logger.LogWarning("Skipped {File}: {Reason}", file, e.Message);
            return new IngestedFile(file, null, e.Message, []);
        }
    }

    public async Task<(IngestOutcome Outcome, IReadOnlyList<string> Warnings, ExtractionResult Extraction)> IngestAsync(SourceText source, DocumentHints hints, CancellationToken cancellationToken)
    {
        var extraction = extractor.Extract(source, hints);
        // Flagged (a language other than German or English, nothing recognizable) or empty: not stored as an
        // empty document; the caller keeps it with the reason (the worker sets it aside in rejected/).
        if (extraction.IsFlagged)
            throw new DocumentRejectedException(string.Join(" ", extraction.Flags.Select(f => f.Reason)) + " The document was not stored.");
        if (extraction.IsEmpty)
            throw new DocumentRejectedException("Nothing was recognized in this document (no places, people, organizations, events, agreements or figures). It was not stored; check that it is a press release in German or English.");
        var graph = await resolver.ResolveAsync(builder.Build(extraction), cancellationToken);
        var outcome = await store.WriteDocumentAsync(graph, cancellationToken);
        logger.LogInformation("{Status} {Document} ({Title}): {Nodes} nodes, {Edges} edges", outcome.Status, outcome.DocumentId, extraction.Document.Title, outcome.NodesWritten, outcome.EdgesWritten);
        foreach (var w in extraction.Warnings) logger.LogWarning("{Document}: {Warning}", outcome.DocumentId, w);
        return (outcome, extraction.Warnings, extraction);
    }
}
