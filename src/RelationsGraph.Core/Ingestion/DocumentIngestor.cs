using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Ingestion;

/// <summary>What happened to one file of an ingestion run.</summary>
public sealed record IngestedFile(string Path, IngestOutcome? Outcome, string? Error, IReadOnlyList<string> Warnings);

/// <summary>A document read and extracted, with its graph delta: not yet resolved against the graph, not written.</summary>
public sealed record PreparedDocument(ExtractionResult Extraction, DocumentGraph Graph, TimeSpan ExtractionTime);

/// <summary>
/// The ingestion pipeline for files and folders: read → extract → build the graph delta → resolve
/// against the graph → one atomic write per document. A file that cannot be ingested is reported with
/// the reason; the rest go on. The worker runs the same stages, writing documents in batches
/// (<see cref="WriteBatch"/>).
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
            var source = ReadSource(file);
            var outcome = await IngestAsync(source, Hints(file), cancellationToken);
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
        using var activity = StartIngestActivity(hints.SourceName ?? hints.Url);
        var prepared = Prepare(source, hints);
        var graph = await ResolveAsync(prepared, cancellationToken);
        var outcome = await store.WriteDocumentAsync(graph, cancellationToken);
        Written(prepared, outcome, activity);
        logger.LogDebug("{Status} {Document} ({Title}): {Nodes} nodes, {Edges} edges", outcome.Status, outcome.DocumentId, prepared.Extraction.Document.Title, outcome.NodesWritten, outcome.EdgesWritten);
        return (outcome, prepared.Extraction.Warnings, prepared.Extraction);
    }

    /// <summary>A file's text; <see cref="DocumentRejectedException"/> (counted as rejected) when it is no text this pipeline reads.</summary>
    public static SourceText ReadSource(string file)
    {
        try
        {
            return SourceText.Read(file);
        }
        catch (DocumentRejectedException)
        {
            RelationsGraphTelemetry.Documents.Add(1, RelationsGraphTelemetry.Outcome("rejected"));
            throw;
        }
    }

    public static DocumentHints Hints(string file) => new(SourceName: System.IO.Path.GetFileName(file));

    /// <summary>
    /// Extracts a document and builds its graph delta: no store call. Flagged (a language other than
    /// German or English, nothing recognizable) or empty documents are refused with
    /// <see cref="DocumentRejectedException"/>, counted as rejected: the caller keeps them with the
    /// reason (the worker sets them aside in rejected/).
    /// </summary>
    public PreparedDocument Prepare(SourceText source, DocumentHints hints)
    {
        var started = Stopwatch.GetTimestamp();
        var extraction = extractor.Extract(source, hints);
        string? refusal = null;
        if (extraction.IsFlagged)
            refusal = string.Join(" ", extraction.Flags.Select(f => f.Reason)) + " The document was not stored.";
        else if (extraction.IsEmpty)
            refusal = "Nothing was recognized in this document (no places, people, organizations, events, agreements or figures). It was not stored; check that it is a press release in German or English.";
        if (refusal is not null)
        {
            RelationsGraphTelemetry.Documents.Add(1, RelationsGraphTelemetry.Outcome("rejected"));
            throw new DocumentRejectedException(refusal);
        }
        var graph = builder.Build(extraction);
        var took = Stopwatch.GetElapsedTime(started);
        RelationsGraphTelemetry.ExtractionDuration.Record(took.TotalSeconds);
        return new PreparedDocument(extraction, graph, took);
    }

    /// <summary>The document's people resolved against what the graph holds now (see <see cref="CrossDocumentResolver"/>).</summary>
    public Task<DocumentGraph> ResolveAsync(PreparedDocument document, CancellationToken cancellationToken) =>
        resolver.ResolveAsync(document.Graph, cancellationToken);

    /// <summary>The document's people resolved against another view of the graph: the worker's, with the documents of its batch not yet written on top (<see cref="PendingGraph"/>).</summary>
    public Task<DocumentGraph> ResolveAsync(PreparedDocument document, IResolutionReads graph, CancellationToken cancellationToken) =>
        new CrossDocumentResolver(graph).ResolveAsync(document.Graph, cancellationToken);

    /// <summary>Counts a written document by its outcome, tags its trace, and logs its warnings.</summary>
    internal void Written(PreparedDocument document, IngestOutcome outcome, Activity? activity)
    {
        var status = outcome.Status.ToString().ToLowerInvariant();
        RelationsGraphTelemetry.Documents.Add(1, RelationsGraphTelemetry.Outcome(status));
        activity?.SetTag("relationsgraph.document.id", outcome.DocumentId);
        activity?.SetTag("relationsgraph.document.outcome", status);
        activity?.SetTag("relationsgraph.document.nodes", outcome.NodesWritten);
        activity?.SetTag("relationsgraph.document.edges", outcome.EdgesWritten);
        foreach (var w in document.Extraction.Warnings) logger.LogWarning("{Document}: {Warning}", outcome.DocumentId, w);
    }

    /// <summary>The trace of one document through the pipeline (null when nobody listens).</summary>
    internal static Activity? StartIngestActivity(string? source)
    {
        var activity = RelationsGraphTelemetry.ActivitySource.StartActivity("ingest document");
        activity?.SetTag("relationsgraph.document.source", source);
        return activity;
    }
}
