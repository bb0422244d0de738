using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>
/// relationsgraph bench worker: the worker's path end to end on an inbox of generated press releases:
/// one pass of <see cref="InboxWorker"/> (read, extract, resolve against the graph, write in batches)
/// over the configured store, with documents/s as it goes (the store grows as it fills), documents per
/// batch and store calls per document, read from the service's own metrics.
/// </summary>
internal static class WorkerBench
{
    public static Command Command()
    {
        var documents = new Option<int>("--documents") { Description = "How many press releases to generate into the inbox.", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (as bench extraction).", DefaultValueFactory = _ => 1 };
        var inbox = new Option<string?>("--inbox") { Description = "Folder for the generated inbox (default: a temporary folder, deleted at the end). It must be empty or absent." };
        var uri = new Option<string?>("--neo4j-uri") { Description = "Write into this Neo4j (HTTP address; password from RelationsGraph__Store__Neo4j__Password); it is EMPTIED first. Without it: a fresh embedded store in a temporary folder." };
        var user = new Option<string>("--neo4j-user") { DefaultValueFactory = _ => "neo4j" };
        var wipe = new Option<bool>("--wipe") { Description = "Confirm that the Neo4j database may be emptied (required with --neo4j-uri)." };
        var batch = new Option<int>("--batch-size") { Description = "Worker:BatchSize, documents per store write.", DefaultValueFactory = _ => new WorkerOptions().BatchSize };
        var every = new Option<int>("--every") { Description = "Print a line every this many documents.", DefaultValueFactory = _ => 500 };
        var cmd = new Command("worker", "The worker's path end to end (one pass over a generated inbox: extract, resolve, write in batches) on Neo4j or the embedded store; documents/s as the store fills, documents per batch, store calls per document.")
            { documents, seed, inbox, uri, user, wipe, batch, every };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(uri) is not null && !parse.GetValue(wipe)) { Console.Error.WriteLine("This empties the Neo4j database: add --wipe to confirm."); return 2; }
            return await RunAsync(parse.GetValue(documents), parse.GetValue(seed), parse.GetValue(inbox), parse.GetValue(uri), parse.GetValue(user)!,
                Math.Max(1, parse.GetValue(batch)), Math.Max(1, parse.GetValue(every)), [.. parse.UnmatchedTokens], Console.Out, ct);
        });
        return cmd;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static async Task<int> RunAsync(int count, int seed, string? inboxDir, string? neo4jUri, string neo4jUser, int batchSize, int every, string[] extraArgs, TextWriter output, CancellationToken ct)
    {
        output.WriteLine($"Machine: {Machine.Describe()}; load average {Load()} at the start");
        var temp = Path.Combine(Path.GetTempPath(), "rg-bench-worker-" + Guid.NewGuid().ToString("N")[..8]);
        var inbox = inboxDir ?? Path.Combine(temp, "inbox");
        if (Directory.Exists(inbox) && Directory.EnumerateFileSystemEntries(inbox).Any()) { Console.Error.WriteLine($"{inbox} is not empty."); return 2; }
        Directory.CreateDirectory(inbox);
        try
        {
            var corpus = new PressReleaseGenerator(seed).Generate(count).ToList();
            foreach (var d in corpus) await File.WriteAllTextAsync(Path.Combine(inbox, d.Name), d.Text, ct);
            output.WriteLine($"Inbox: {corpus.Count:N0} generated press releases (seed {seed}) in {Path.GetFullPath(inbox)}");

            var args = new List<string>(extraArgs)
            {
                $"--RelationsGraph:Worker:Inbox={inbox}",
                $"--RelationsGraph:Worker:BatchSize={batchSize}",
                $"--RelationsGraph:Worker:RejectedFolder={Path.Combine(temp, "rejected")}",
            };
            if (neo4jUri is not null) args.AddRange(["--RelationsGraph:Store:Kind=Neo4j", $"--RelationsGraph:Store:Neo4j:Uri={neo4jUri}", $"--RelationsGraph:Store:Neo4j:User={neo4jUser}"]);
            else args.AddRange(["--RelationsGraph:Store:Kind=Embedded", $"--RelationsGraph:Store:DataDirectory={Path.Combine(temp, "data")}"]);
            var builder = Host.CreateApplicationBuilder([.. args]);
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddRelationsGraphStore();
            builder.Services.AddSingleton<InboxWorker>();
            using var host = builder.Build();
            var store = host.Services.GetRequiredService<IGraphStore>();
            if (neo4jUri is not null)
            {
                var neo4j = host.Services.GetRequiredService<Neo4jGraphStore>();
                // in slices: one DETACH DELETE of millions of rows would not fit in the server's heap
                while ((await neo4j.Http.RunAsync(new Cypher("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(n)"), ct))[0][0]!.GetValue<int>() > 0) { }
                output.WriteLine($"Store: Neo4j {(await neo4j.Http.DialectAsync(ct)).Version} at {neo4jUri}, emptied");
            }
            else output.WriteLine($"Store: embedded, fresh, in {Path.Combine(temp, "data")}");
            await store.InitializeAsync(ct);
            output.WriteLine($"Worker: one pass over the inbox, Worker:BatchSize {batchSize}, Worker:BatchMilliseconds {host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkerOptions>>().Value.BatchMilliseconds}");

            using var meters = new Meters();
            var worker = host.Services.GetRequiredService<InboxWorker>();
            var sw = Stopwatch.StartNew();
            var pass = worker.PassAsync(ct);
            var last = (Docs: 0L, Seconds: 0.0, Batches: 0L, Calls: 0L);
            var lines = new List<(long Docs, double Seconds)>();
            output.WriteLine("documents | seconds | documents/s since the last line | overall | documents per batch | store calls per document (since the last line)");
            while (true)
            {
                var finished = await Task.WhenAny(pass, Task.Delay(200, ct)) == pass;
                var docs = meters.Documents;
                if (docs - last.Docs >= every || (finished && docs > last.Docs))
                {
                    var s = sw.Elapsed.TotalSeconds;
                    var (batches, calls) = (meters.Batches, meters.StoreCalls);
                    output.WriteLine($"{docs,9:N0} | {s,7:N1} | {(docs - last.Docs) / (s - last.Seconds),8:N1} | {docs / s,8:N1} | {(batches > last.Batches ? (meters.BatchedDocuments - meters.BatchedDocumentsAt(last.Batches)) / (double)(batches - last.Batches) : 0),5:N1} | {(calls - last.Calls) / (double)(docs - last.Docs),5:N1}");
                    lines.Add((docs, s));
                    meters.MarkBatches();
                    last = (docs, s, batches, calls);
                }
                if (finished) break;
            }
            await pass;
            var total = sw.Elapsed.TotalSeconds;
            var counts = await store.CountAsync(ct);
            output.WriteLine($"Worker on {(neo4jUri is null ? "the embedded store" : "Neo4j")}: {meters.Documents:N0} documents ({string.Join(", ", meters.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value:N0} {o.Key}"))}) in {total:N1} s: " +
                $"**{meters.Documents / total:N1} documents/s**; {meters.Batches:N0} store writes, {meters.BatchedDocuments / Math.Max(1.0, meters.Batches):N1} documents each on average");
            if (lines.Count > 1)
            {
                var firstLine = lines[0];
                var lastTwo = lines[^2];
                output.WriteLine($"  first {firstLine.Docs:N0} documents: {firstLine.Docs / firstLine.Seconds:N1} documents/s; last {lines[^1].Docs - lastTwo.Docs:N0}: {(lines[^1].Docs - lastTwo.Docs) / (lines[^1].Seconds - lastTwo.Seconds):N1} documents/s");
            }
            output.WriteLine($"  store calls per document: {string.Join(", ", meters.Calls.OrderByDescending(c => c.Value.Count).Select(c => $"{c.Key} {c.Value.Count / (double)Math.Max(1, meters.Documents):N2} ({c.Value.Seconds * 1000 / Math.Max(1, c.Value.Count):N1} ms each)"))}");
            output.WriteLine($"  the store now: {counts.Documents:N0} documents, {counts.Nodes:N0} nodes, {counts.Edges:N0} edges; load average {Load()} at the end");
            return 0;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The service's own metrics (documents by outcome, batch sizes, store calls by operation), listened to in-process.</summary>
    private sealed class Meters : IDisposable
    {
        private readonly MeterListener listener = new();
        private long documents;
        private long batches;
        private long batched;
        private long storeCalls;

        public ConcurrentDictionary<string, long> Outcomes { get; } = new();
        public ConcurrentDictionary<string, (long Count, double Seconds)> Calls { get; } = new();

        public long Documents => Interlocked.Read(ref documents);
        public long Batches => Interlocked.Read(ref batches);
        public long BatchedDocuments => Interlocked.Read(ref batched);
        public long StoreCalls => Interlocked.Read(ref storeCalls);

        private readonly Dictionary<long, long> marks = new() { [0] = 0 };

        public void MarkBatches() => marks[Batches] = BatchedDocuments;

        public long BatchedDocumentsAt(long batchCount) => marks.GetValueOrDefault(batchCount);

        public Meters()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RelationsGraphTelemetry.Name) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument == RelationsGraphTelemetry.Documents)
                {
                    var outcome = Tag(tags, "outcome") ?? "?";
                    Outcomes.AddOrUpdate(outcome, value, (_, v) => v + value);
                    Interlocked.Add(ref documents, value);
                }
                else if (instrument == RelationsGraphTelemetry.BatchSize)
                {
                    Interlocked.Increment(ref batches);
                    Interlocked.Add(ref batched, value);
                }
            });
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                if (instrument != RelationsGraphTelemetry.StoreDuration) return;
                var operation = Tag(tags, "operation") ?? "?";
                Calls.AddOrUpdate(operation, (1, value), (_, v) => (v.Count + 1, v.Seconds + value));
                Interlocked.Increment(ref storeCalls);
            });
            listener.Start();
        }

        private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
        {
            foreach (var t in tags) if (t.Key == key) return t.Value?.ToString();
            return null;
        }

        public void Dispose() => listener.Dispose();
    }
}
