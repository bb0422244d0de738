using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Api.Telemetry;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;

namespace RelationsGraph.Cli;

/// <summary>relationsgraph serve | ingest | extract. Only results go to stdout; logs and progress go to stderr.</summary>
public static class Commands
{
    public static RootCommand Root()
    {
        var root = new RootCommand("RelationsGraph: an evidence-backed knowledge graph of international relations from government press releases.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(Ingest());
        root.Subcommands.Add(Worker());
        root.Subcommands.Add(Copy());
        root.Subcommands.Add(Migrate());
        root.Subcommands.Add(Bench.Command());
        root.Subcommands.Add(Extract());
        root.Subcommands.Add(ExportCommand.Command());
        root.Subcommands.Add(ApiKeyCommand.Command());
        root.Subcommands.Add(SourcesCommand.Command());
        return root;
    }

    // no default here: an option not given must not override RelationsGraph__Store__DataDirectory or appsettings (default "data")
    internal static readonly Option<string?> DataOption = new("--data") { Description = "Folder of the embedded store's SQLite file (default: RelationsGraph:Store:DataDirectory from the environment or appsettings, else \"data\")." };

    /// <summary>The --data folder as a configuration argument, when given; else nothing, so that configuration decides.</summary>
    internal static IEnumerable<string> DataArgument(ParseResult parse) =>
        parse.GetValue(DataOption) is { } data ? [$"--RelationsGraph:Store:DataDirectory={data}"] : [];

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
            args.AddRange(DataArgument(parse));
            if (parse.GetValue(ingest) is { } seeds) args.Add($"--RelationsGraph:Ingestion:SeedDirectory={seeds}");
            var app = RelationsGraphHosting.BuildApp([.. args]);
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }

    /// <summary>A host with the store, the extractor and the pipeline, configured like the service (appsettings, environment, --RelationsGraph:... arguments).</summary>
    internal static IHost StoreHost(ParseResult parse, Action<HostApplicationBuilder>? configure = null)
    {
        var args = new List<string>(parse.UnmatchedTokens.Concat(DataArgument(parse)));
        var builder = Host.CreateApplicationBuilder([.. args]);
        builder.Logging.ClearProviders();
        // logs go to stderr: stdout carries only results
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddRelationsGraphStore();
        configure?.Invoke(builder);
        return builder.Build();
    }

    private static Command Ingest()
    {
        var path = new Argument<string>("path") { Description = "A press release (.txt, .md, .html), a folder of them, or the http(s) address of a release's page." };
        var cmd = new Command("ingest", "Extract press releases and write them into the configured store. Idempotent: unchanged documents are skipped.") { path, DataOption };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            if (SourcesCommand.IsWebAddress(parse.GetValue(path)!)) return await SourcesCommand.IngestUrlAsync(parse, parse.GetValue(path)!, ct);
            using var host = StoreHost(parse);
            var store = host.Services.GetRequiredService<IGraphStore>();
            var ingestor = host.Services.GetRequiredService<DocumentIngestor>();
            IReadOnlyList<string> files;
            try { files = DocumentIngestor.FilesAt(parse.GetValue(path)!); }
            catch (DirectoryNotFoundException e) { Console.Error.WriteLine(e.Message); return 2; }
            var results = new List<IngestedFile>();
            try
            {
                await store.InitializeAsync(ct);
                foreach (var f in files)
                {
                    var r = await ingestor.IngestFileAsync(f, ct);
                    results.Add(r);
                    var what = r.Error is not null ? $"not ingested: {r.Error}" : $"{r.Outcome!.Status.ToString().ToLowerInvariant()} ({r.Outcome.NodesWritten} nodes, {r.Outcome.EdgesWritten} edges)";
                    Console.Error.WriteLine($"[{results.Count}/{files.Count}] {Path.GetFileName(f)}: {what}");
                }
            }
            catch (StoreUnavailableException e)
            {
                Console.Error.WriteLine($"The store is unavailable: {e.Message}");
                Console.Error.WriteLine($"{results.Count} of {files.Count} documents were written, each whole; run the same command again to ingest the rest.");
                return 3;
            }
            var changed = results.Count(r => r.Outcome?.Status is IngestStatus.Added or IngestStatus.Updated);
            var failed = results.Count(r => r.Error is not null);
            Console.WriteLine($"{files.Count} documents: {changed} changes, {results.Count(r => r.Outcome?.Status == IngestStatus.Unchanged)} unchanged, {failed} not ingested.");
            return failed > 0 ? 1 : 0;
        });
        return cmd;
    }

    private static Command Worker()
    {
        var inbox = new Option<string>("--inbox") { Description = "Folder to watch for press releases.", DefaultValueFactory = _ => "inbox" };
        var poll = new Option<double>("--poll") { Description = "Seconds between two looks at the inbox.", DefaultValueFactory = _ => 5 };
        var cmd = new Command("worker", "Watch an inbox folder and follow the configured feeds (RelationsGraph:Sources:Feeds); ingest new and changed press releases into the configured store; set aside what cannot be ingested, with the reason.") { inbox, poll, DataOption };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            using var host = StoreHost(parse, b =>
            {
                b.Logging.SetMinimumLevel(LogLevel.Information);
                b.Services.Configure<WorkerOptions>(o => { o.Inbox = parse.GetValue(inbox)!; o.PollSeconds = parse.GetValue(poll); });
                b.Services.AddHostedService<InboxWorker>();
                b.AddRelationsGraphTelemetry("relationsgraph-worker", serveMetrics: false);
                SourcesCommand.AddSourcesWorker(b); // the feeds of RelationsGraph:Sources, beside the inbox
            });
            await host.RunAsync(ct);
            return 0;
        });
        return cmd;
    }

    private static Command Copy()
    {
        var to = new Option<string>("--to") { Description = "Target store: neo4j (configured under RelationsGraph:Store:Neo4j, or with the options below).", Required = true };
        var uri = new Option<string?>("--neo4j-uri") { Description = "Neo4j's HTTP address, e.g. http://localhost:7474." };
        var user = new Option<string?>("--neo4j-user") { Description = "Neo4j user (default neo4j)." };
        var cmd = new Command("copy", "Copy every document of the embedded store (--data) into Neo4j, with progress; the counts are compared at the end. The password comes from RelationsGraph__Store__Neo4j__Password.") { to, uri, user, DataOption };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            if (!string.Equals(parse.GetValue(to), "neo4j", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"--to must be 'neo4j' (got '{parse.GetValue(to)}').");
                return 2;
            }
            using var host = StoreHost(parse, b => b.Services.PostConfigure<Neo4jOptions>(o =>
            {
                if (parse.GetValue(uri) is { } u) o.Uri = u;
                if (parse.GetValue(user) is { } n) o.User = n;
            }));
            var source = host.Services.GetRequiredService<EmbeddedGraphStore>();
            var target = host.Services.GetRequiredService<Neo4jGraphStore>();
            try
            {
                await source.InitializeAsync(ct);
                await target.InitializeAsync(ct);
                var total = await source.CountAsync(ct);
                var copied = await StoreCopy.CopyAsync(source, target, (done, doc, outcome) =>
                    Console.Error.WriteLine($"[{done}/{total.Documents}] {doc}: {outcome.Status.ToString().ToLowerInvariant()}"), ct);
                var after = await target.CountAsync(ct);
                Console.WriteLine($"Copied {copied} documents. Embedded: {total.Documents} documents, {total.Nodes} nodes, {total.Edges} edges. Neo4j: {after.Documents} documents, {after.Nodes} nodes, {after.Edges} edges.");
                if (after.Nodes != total.Nodes || after.Edges != total.Edges || after.Documents != total.Documents)
                {
                    Console.Error.WriteLine("The counts differ: Neo4j held other documents before, or a write failed. Copy into an empty database to compare.");
                    return 1;
                }
                return 0;
            }
            catch (StoreUnavailableException e)
            {
                Console.Error.WriteLine($"Neo4j is unavailable: {e.Message}. Every document copied so far is whole; run the same command again to copy the rest.");
                return 3;
            }
            catch (Neo4jClientException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return cmd;
    }

    private static Command Migrate()
    {
        var uri = new Option<string?>("--neo4j-uri") { Description = "Neo4j's HTTP address, e.g. http://localhost:7474 (default: RelationsGraph:Store:Neo4j:Uri)." };
        var user = new Option<string?>("--neo4j-user") { Description = "Neo4j user (default neo4j)." };
        var batch = new Option<int>("--batch") { Description = "Events and agreements rolled up, or entities indexed by name, per transaction.", DefaultValueFactory = _ => Neo4jMigration.DefaultBatch };
        var force = new Option<bool>("--force") { Description = "Recompute the roll-up of every item even when the schema version says it is there." };
        var cmd = new Command("migrate", "Bring a Neo4j database written by an earlier version up to this version's schema (the roll-up of every event and agreement, the name index of every entity), with progress, and check the counts. The service does the same at start. The password comes from RelationsGraph__Store__Neo4j__Password.") { uri, user, batch, force };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(batch) < 1)
            {
                Console.Error.WriteLine("--batch must be at least 1.");
                return 2;
            }
            using var host = StoreHost(parse, b => b.Services.PostConfigure<Neo4jOptions>(o =>
            {
                if (parse.GetValue(uri) is { } u) o.Uri = u;
                if (parse.GetValue(user) is { } n) o.User = n;
            }));
            var store = host.Services.GetRequiredService<Neo4jGraphStore>();
            try
            {
                var report = await store.MigrateAsync(Console.Error.WriteLine, parse.GetValue(batch), parse.GetValue(force), ct);
                Console.WriteLine(report is null ? "Neo4j is at the current schema version; nothing to do (--force recomputes anyway)." : $"Migrated: {report}.");
                return 0;
            }
            catch (StoreUnavailableException e)
            {
                Console.Error.WriteLine($"Neo4j is unavailable: {e.Message}. Run the same command again: the migration is done only once the schema version is written.");
                return 3;
            }
            catch (Neo4jClientException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static Command Extract()
    {
        var path = new Argument<string>("path") { Description = "A press release, or a folder of them (then --out is required)." };
        var json = new Option<bool>("--json") { Description = "Write the interchange format of the gold annotations (the default and only format)." };
        var outDir = new Option<string?>("--out") { Description = "Write one NAME.json per document into this folder instead of stdout." };
        var explain = new Option<bool>("--explain")
        {
            Description = "Instead of the facts, print every trigger, date, name and number candidate: kept or dropped, and the rule or lexicon entry that decided it.",
        };
        var cmd = new Command("extract", "Print the facts of press releases in the gold interchange format.") { path, json, outDir, explain };
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
                    var hints = new DocumentHints(SourceName: Path.GetFileName(f));
                    var result = parse.GetValue(explain) ? extractor.Explain(SourceText.Read(f), hints) : extractor.Extract(SourceText.Read(f), hints);
                    foreach (var w in result.Warnings) Console.Error.WriteLine($"{Path.GetFileName(f)}: {w}");
                    var text = parse.GetValue(explain) ? ExplanationText(result) : InterchangeFormat.ToJson(result);
                    if (target is null) Console.Out.WriteLine(text);
                    else File.WriteAllText(Path.Combine(target, Path.GetFileNameWithoutExtension(f) + (parse.GetValue(explain) ? ".explain.txt" : ".json")), text + "\n");
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

    /// <summary>One line per decision: where, what, kept or dropped, and why.</summary>
    private static string ExplanationText(ExtractionResult result)
    {
        var lines = new List<string> { $"# {result.Document.SourceName ?? result.Document.Title}: release date {result.Document.Published?.ToString() ?? "unknown"}, language {result.Document.Language}" };
        foreach (var d in result.Explanation)
            lines.Add($"{d.Range.Start,6}  {d.Kind,-7}  {(d.Kept ? "kept   " : "dropped")}  \"{d.Text}\"  {d.Reason}");
        return string.Join("\n", lines);
    }
}
