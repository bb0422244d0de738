using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Cli;

/// <summary>relationsgraph serve | ingest | extract. Only results go to stdout; logs and progress go to stderr.</summary>
public static class Commands
{
    public static RootCommand Root()
    {
        var root = new RootCommand("RelationsGraph: an evidence-backed knowledge graph of international relations from government press releases.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(Ingest());
        root.Subcommands.Add(Extract());
        return root;
    }

    private static readonly Option<string> DataOption = new("--data") { Description = "Folder of the embedded store's SQLite file.", DefaultValueFactory = _ => "data" };

    private static Command Serve()
    {
        var ingest = new Option<string?>("--ingest") { Description = "A folder (or file) of press releases to ingest at start, e.g. seeds." };
        var urls = new Option<string?>("--urls") { Description = $"Address to listen on (default {RelationsGraphHosting.DefaultUrl}; ASPNETCORE_URLS works too)." };
        var cmd = new Command("serve", "Serve the GraphQL API on the embedded store.") { DataOption, ingest, urls };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            var args = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(urls) is { } u) args.AddRange(["--urls", u]);
            args.Add($"--RelationsGraph:Store:DataDirectory={parse.GetValue(DataOption)}");
            if (parse.GetValue(ingest) is { } seeds) args.Add($"--RelationsGraph:Ingestion:SeedDirectory={seeds}");
            var app = RelationsGraphHosting.BuildApp([.. args]);
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }

    private static Command Ingest()
    {
        var path = new Argument<string>("path") { Description = "A press release (.txt, .md, .html) or a folder of them." };
        var cmd = new Command("ingest", "Extract press releases and write them into the embedded store. Idempotent: unchanged documents are skipped.") { path, DataOption };
        cmd.SetAction(async (parse, ct) =>
        {
            // logs go to stderr: stdout carries only the summary line
            using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            using var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = parse.GetValue(DataOption)! }), loggers.CreateLogger<EmbeddedGraphStore>());
            await store.InitializeAsync(ct);
            var ingestor = new DocumentIngestor(store, new PressReleaseExtractor(), new GraphBuilder(), loggers.CreateLogger<DocumentIngestor>());
            IReadOnlyList<string> files;
            try { files = DocumentIngestor.FilesAt(parse.GetValue(path)!); }
            catch (DirectoryNotFoundException e) { Console.Error.WriteLine(e.Message); return 2; }
            var done = 0;
            var results = new List<IngestedFile>();
            foreach (var f in files)
            {
                var r = await ingestor.IngestFileAsync(f, ct);
                results.Add(r);
                done++;
                var what = r.Error is not null ? $"not ingested: {r.Error}" : $"{r.Outcome!.Status.ToString().ToLowerInvariant()} ({r.Outcome.NodesWritten} nodes, {r.Outcome.EdgesWritten} edges)";
                Console.Error.WriteLine($"[{done}/{files.Count}] {Path.GetFileName(f)}: {what}");
            }
            var changed = results.Count(r => r.Outcome?.Status is IngestStatus.Added or IngestStatus.Updated);
            var failed = results.Count(r => r.Error is not null);
            Console.WriteLine($"{files.Count} documents: {changed} changes, {results.Count(r => r.Outcome?.Status == IngestStatus.Unchanged)} unchanged, {failed} not ingested.");
            return failed > 0 ? 1 : 0;
        });
        return cmd;
    }

    private static Command Extract()
    {
        var path = new Argument<string>("path") { Description = "A press release, or a folder of them (then --out is required)." };
        var json = new Option<bool>("--json") { Description = "Write the interchange format of the gold annotations (the default and only format)." };
        var outDir = new Option<string?>("--out") { Description = "Write one NAME.json per document into this folder instead of stdout." };
        var cmd = new Command("extract", "Print the facts of press releases in the gold interchange format.") { path, json, outDir };
        cmd.SetAction((parse, ct) =>
        {
            var extractor = new PressReleaseExtractor();
            var p = parse.GetValue(path)!;
            IReadOnlyList<string> files;
            try { files = DocumentIngestor.FilesAt(p); }
            catch (DirectoryNotFoundException e) { Console.Error.WriteLine(e.Message); return Task.FromResult(2); }
            var target = parse.GetValue(outDir);
            if (files.Count != 1 && target is null && Directory.Exists(p))
            {
                Console.Error.WriteLine($"'{p}' is a folder: give --out DIR to write one JSON file per document.");
                return Task.FromResult(2);
            }
            if (target is not null) Directory.CreateDirectory(target);
            var failed = 0;
            foreach (var f in files)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var result = extractor.Extract(SourceText.Read(f), new DocumentHints(SourceName: Path.GetFileName(f)));
                    foreach (var w in result.Warnings) Console.Error.WriteLine($"{Path.GetFileName(f)}: {w}");
                    var text = InterchangeFormat.ToJson(result);
                    if (target is null) Console.Out.WriteLine(text);
                    else File.WriteAllText(Path.Combine(target, Path.GetFileNameWithoutExtension(f) + ".json"), text + "\n");
                }
                catch (DocumentRejectedException e)
                {
                    failed++;
                    Console.Error.WriteLine($"{Path.GetFileName(f)}: not extracted: {e.Message}");
                }
            }
            if (target is not null) Console.Error.WriteLine($"Wrote {files.Count - failed} of {files.Count} documents to {target}.");
            return Task.FromResult(failed > 0 ? 1 : 0);
        });
        return cmd;
    }
}
