using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>What <c>bench stores</c> runs with.</summary>
internal sealed record StoresBenchOptions(int Edges, int Seed, string? Neo4jUri, string Neo4jUser, bool Wipe, int DurationSeconds, int WarmUpSeconds, int[] Concurrency, double Neo4jMaxMinutes, string? DataDirectory, int Neo4jBatch = 1, bool Neo4jReuse = false, bool Neo4jOnly = false, string? Neo4jFloor = null);

/// <summary>
/// relationsgraph bench stores: a synthetic graph of ≥1M edges ingested into the embedded store and
/// (optionally) Neo4j, memory per edge, then cooperationEvents and timeline over HTTP on the real API,
/// under a bounded load, on each store in turn.
/// </summary>
internal static class StoresBench
{
    public static async Task<int> RunAsync(StoresBenchOptions o, TextWriter output, CancellationToken ct)
    {
        if (o.Neo4jUri is not null && !o.Wipe && !o.Neo4jReuse) { Console.Error.WriteLine("This empties the Neo4j database: add --wipe to confirm (or --neo4j-reuse to keep one that holds this graph)."); return 2; }
        if (o.Neo4jFloor is not null && (o.Neo4jUri is null || !o.Wipe)) { Console.Error.WriteLine("--neo4j-floor writes into Neo4j: give --neo4j-uri and --wipe."); return 2; }
        output.WriteLine($"Machine: {Machine.Describe()}");
        var sw = Stopwatch.StartNew();
        var synthetic = new SyntheticGraph();
        var (documents, dyads, edges, nodes) = synthetic.Generate(o.Edges, o.Seed);
        var rows = documents.Sum(d => d.Nodes.Count + d.Edges.Count);
        output.WriteLine($"Synthetic graph (seed {o.Seed}): {documents.Count:N0} documents, {nodes:N0} nodes (documents included), {edges:N0} distinct edges, {rows:N0} node and edge rows as the documents state them; " +
            $"{synthetic.ActorCount} place actors, {dyads.Count:N0} stated dyads, events per stated dyad median {Median(dyads.Values)}, max {dyads.Values.Max():N0}; generated in {sw.Elapsed.TotalSeconds:N0} s");

        if (o.Neo4jFloor is not null)
        {
            await IngestNeo4jFloorAsync(documents, o, output, ct);
            return 0;
        }

        var data = o.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"rg-bench-{Environment.ProcessId}");
        var embeddedCounts = o.Neo4jOnly ? null : await ReuseAsync(documents, data, output, ct);
        if (embeddedCounts is null && !o.Neo4jOnly)
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
            embeddedCounts = await IngestEmbeddedAsync(documents, data, output, ct);
        }

        var neo4jWritten = 0;
        if (o.Neo4jUri is not null) neo4jWritten = await IngestNeo4jAsync(documents, o, output, ct);

        // The query mix: stated dyads (weighted by how often documents state them, as users ask about
        // the active relations), and one in four rolled up to the foreign country or to Germany.
        var gazetteer = Extraction.Gazetteer.Shared;
        var stated = dyads.OrderBy(d => d.Key.Actor, StringComparer.Ordinal).ThenBy(d => d.Key.Counterpart, StringComparer.Ordinal).Select(d => d.Key).ToArray();
        Dyad PickDyad(Random r)
        {
            var d = stated[r.Next(stated.Length)];
            return r.Next(4) switch
            {
                0 => new Dyad(d.Actor, gazetteer.CountryOf(d.Counterpart)!),
                _ => d,
            };
        }
        LoadGenerator.Request Next(Random r)
        {
            var d = PickDyad(r);
            return r.Next(2) == 0
                ? new("cooperationEvents", LoadGenerator.GraphQL($$"""{ cooperationEvents(between: "{{d.Actor}}", and: "{{d.Counterpart}}", first: 20) { totalCount nodes { id type date title place { name } participants { entity { name } role } evidence { quote } } } }"""))
                : new("timeline", LoadGenerator.GraphQL($$"""{ timeline(actor: "{{d.Actor}}", counterpart: "{{d.Counterpart}}", granularity: YEAR) { total buckets { period count byType { type count } } unplaced { date } } }"""));
        }
        documents = null!;
        // the requests, written once for the load generator's process: the same mix for every store and level
        var requestsFile = Path.Combine(Path.GetTempPath(), $"rg-bench-requests-{Environment.ProcessId}.tsv");
        var mix = new Random(2000);
        File.WriteAllLines(requestsFile, Enumerable.Range(0, 50_000).Select(_ => Next(mix)).Select(r => r.Kind + "\t" + r.Body));
        var (heapBefore, wsBefore) = Memory();

        var results = new List<(string Store, List<LoadResult> Results)>();
        if (!o.Neo4jOnly)
        {
            // Warm start: from the snapshot the store wrote when ingestion closed it (written now if missing).
            var snapshot = Path.Combine(data, "relationsgraph.snapshot");
            if (!File.Exists(snapshot))
            {
                using var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = data }), NullLogger<EmbeddedGraphStore>.Instance);
                await store.InitializeAsync(ct);
                await store.SnapshotWritten;
            }
            output.WriteLine($"Snapshot beside the SQLite file: {new FileInfo(snapshot).Length / 1048576.0:N0} MB");
            sw.Restart();
            await using (var app = await StartApiAsync(["--RelationsGraph:Store:Kind=Embedded", $"--RelationsGraph:Store:DataDirectory={data}"], ct))
            {
                var loaded = sw.Elapsed.TotalSeconds;
                var store = app.Services.GetRequiredService<EmbeddedGraphStore>();
                var (heapAfter, wsAfter) = Memory();
                output.WriteLine($"Embedded store start, warm (from {store.StartedFrom}): store loaded in {store.StartTime.TotalSeconds:N1} s, API up in {loaded:N1} s, target ≤ 10 s {(loaded <= 10 ? "met" : "NOT met")}");
                output.WriteLine($"  Memory after a full compacting GC: managed heap {Mb(heapBefore)} → {Mb(heapAfter)} MB, working set {Mb(wsBefore)} → {Mb(wsAfter)} MB (the API's own objects included)");
                var perEdge = (heapAfter - heapBefore) / (double)embeddedCounts!.Edges;
                output.WriteLine($"  per edge: {perEdge:N0} bytes managed heap (target ≤ 1,200 {(perEdge <= 1200 ? "met" : "NOT met")}), {(wsAfter - wsBefore) / (double)embeddedCounts.Edges:N0} bytes working set; " +
                    $"per node + edge: {(heapAfter - heapBefore) / (double)(embeddedCounts.Edges + embeddedCounts.Nodes):N0} / {(wsAfter - wsBefore) / (double)(embeddedCounts.Edges + embeddedCounts.Nodes):N0} bytes");
                await StoreCallsAsync(app.Services.GetRequiredService<IGraphStore>(), PickDyad, output, ct);
                await GraphQLCallsAsync(app.Services, Next, output, ct);
                foreach (var clients in o.Concurrency) results.Add(("embedded", await LoadAsync(app, requestsFile, o, clients, "embedded", ct)));
            }
            // Cold start: SQLite alone (no snapshot), as after an upgrade or with a stale or damaged snapshot.
            // Its memory is not reported: this process still holds what the first API left behind.
            File.Delete(snapshot);
            sw.Restart();
            await using (var cold = await StartApiAsync(["--RelationsGraph:Store:Kind=Embedded", $"--RelationsGraph:Store:DataDirectory={data}"], ct))
            {
                var up = sw.Elapsed.TotalSeconds;
                var store = cold.Services.GetRequiredService<EmbeddedGraphStore>();
                output.WriteLine($"Embedded store start, cold (from {store.StartedFrom} alone, no snapshot): store loaded in {store.StartTime.TotalSeconds:N1} s, API up in {up:N1} s");
                sw.Restart();
                await store.SnapshotWritten;
                output.WriteLine($"  then the snapshot written in the background in {sw.Elapsed.TotalSeconds:N1} s ({new FileInfo(snapshot).Length / 1048576.0:N0} MB)");
            }
        }
        if (o.Neo4jUri is not null)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            await using var app = await StartApiAsync(["--RelationsGraph:Store:Kind=Neo4j", $"--RelationsGraph:Store:Neo4j:Uri={o.Neo4jUri}", $"--RelationsGraph:Store:Neo4j:User={o.Neo4jUser}"], ct);
            await StoreCallsAsync(app.Services.GetRequiredService<IGraphStore>(), PickDyad, output, ct);
            foreach (var clients in o.Concurrency) results.Add(("Neo4j", await LoadAsync(app, requestsFile, o, clients, "Neo4j", ct)));
        }

        output.WriteLine();
        output.WriteLine($"HTTP on loopback, closed-loop clients (the load generator in its own process, bench load), {o.DurationSeconds} s per store and level after {o.WarmUpSeconds} s warm-up, half cooperationEvents(first: 20, with place, participants, evidence), half timeline(YEAR); " +
            "CPU ms/req is the API process's CPU time per request, over both queries:");
        output.WriteLine($"{"store",-9} {"clients",7} {"query",-18} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"req/s",8} {"errors",7} {"CPU ms/req",11}");
        foreach (var (store, list) in results)
            foreach (var r in list)
                output.WriteLine($"{store,-9} {r.Clients,7} {r.Query,-18} {r.P(0.5),8:N2} {r.P(0.95),8:N2} {r.P(0.99),8:N2} {(r.SortedMs.Count > 0 ? r.SortedMs[^1] : double.NaN),8:N1} {r.PerSecond,8:N1} {r.Errors,7} {r.CpuMsPerRequest,11:N2}");
        output.WriteLine("Garbage collection in the API process during each load:");
        foreach (var (store, list) in results.DistinctBy(x => (x.Store, x.Results[0].Clients)))
            output.WriteLine($"  {store} with {list[0].Clients} clients: {list[0].Gc}");
        foreach (var clients in o.Concurrency)
        {
            var level = results.Where(x => x.Results[0].Clients == clients).ToList();
            var embedded = level.FirstOrDefault(x => x.Store == "embedded").Results;
            var neo4j = level.FirstOrDefault(x => x.Store == "Neo4j").Results;
            var line = $"{clients} clients:";
            if (embedded is not null)
            {
                var p99 = embedded.Max(r => r.P(0.99));
                line += $" embedded worst p99 {p99:N2} ms, target ≤ 5 ms {(p99 <= 5 ? "met" : "NOT met")};";
            }
            if (neo4j is not null)
            {
                // Neo4j's targets: p99 ≤ 100 ms with 1 client, ≥ 50 req/s with 2 clients, ≤ 2 MB allocated per request
                var p99 = neo4j.Max(r => r.P(0.99));
                var n = neo4j.Sum(r => r.PerSecond);
                var kb = neo4j[0].Gc?.AllocatedKbPerRequest;
                line += $" Neo4j worst p99 {p99:N1} ms{(clients == 1 ? $" (target ≤ 100 ms {(p99 <= 100 ? "met" : "NOT met")})" : "")}, {n:N1} req/s{(clients == 2 ? $" (target ≥ 50 {(n >= 50 ? "met" : "NOT met")})" : "")}"
                    + (kb is { } k ? $", {k / 1024:N2} MB allocated per request (target ≤ 2 MB {(k <= 2048 ? "met" : "NOT met")})" : "") + ";";
                if (embedded is not null)
                {
                    var e = embedded.Sum(r => r.PerSecond);
                    line += $" throughput embedded / Neo4j: {(n > 0 ? $"{e / n:N0}x" : "Neo4j answered none within the API's execution timeout")}";
                }
            }
            output.WriteLine(line.TrimEnd(';'));
        }
        if (o.Neo4jUri is not null && embeddedCounts is not null && neo4jWritten < embeddedCounts.Documents)
            output.WriteLine($"NOTE: Neo4j held only {neo4jWritten:N0} of the {embeddedCounts.Documents:N0} documents (the ingestion time cap): its figures are on a smaller graph, which favours Neo4j.");
        File.Delete(requestsFile);
        if (o.DataDirectory is null && Directory.Exists(data)) Directory.Delete(data, recursive: true);
        return 0;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N0");

    private static (long Heap, long WorkingSet) Memory()
    {
        for (var i = 0; i < 2; i++) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    /// <summary>A store kept with --data from an earlier run of the same graph (same documents, same content) is used as it is.</summary>
    private static async Task<GraphCounts?> ReuseAsync(List<DocumentGraph> documents, string data, TextWriter output, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(data, "relationsgraph.db"))) return null;
        using var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = data }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(ct);
        var counts = await store.CountAsync(ct);
        if (counts.Documents != documents.Count) return null;
        foreach (var d in documents)
            if ((await store.WriteDocumentAsync(d, ct)).Status != IngestStatus.Unchanged) return null;
        output.WriteLine($"Embedded ingestion: skipped, the store in {data} already holds this graph ({counts.Documents:N0} documents, {counts.Nodes:N0} nodes, {counts.Edges:N0} edges)");
        return counts;
    }

    private static async Task<GraphCounts> IngestEmbeddedAsync(List<DocumentGraph> documents, string data, TextWriter output, CancellationToken ct)
    {
        using var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = data }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(ct);
        var sw = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        for (var i = 0; i < documents.Count; i++)
        {
            await store.WriteDocumentAsync(documents[i], ct);
            if (progress.Elapsed > TimeSpan.FromSeconds(30)) { Console.Error.WriteLine($"embedded: {i + 1:N0}/{documents.Count:N0} documents"); progress.Restart(); }
        }
        var s = sw.Elapsed.TotalSeconds;
        var counts = await store.CountAsync(ct);
        var size = new DirectoryInfo(data).EnumerateFiles("relationsgraph.db*").Sum(f => f.Length);
        output.WriteLine($"Embedded ingestion: {documents.Count / s:N0} documents/s, {counts.Edges / s:N0} edges/s ({s:N1} s, one SQLite transaction per document, synchronous=FULL); " +
            $"{counts.Documents:N0} documents, {counts.Nodes:N0} nodes, {counts.Edges:N0} edges; file {size / 1048576.0:N0} MB");
        return counts;
    }

    private static async Task<int> IngestNeo4jAsync(List<DocumentGraph> documents, StoresBenchOptions o, TextWriter output, CancellationToken ct)
    {
        var password = Environment.GetEnvironmentVariable("RelationsGraph__Store__Neo4j__Password") ?? "";
        var options = new Neo4jOptions { Uri = o.Neo4jUri!, User = o.Neo4jUser, Password = password, RequestTimeoutSeconds = 120 };
        using var store = new Neo4jGraphStore(Options.Create(options), NullLogger<Neo4jGraphStore>.Instance);
        await store.InitializeAsync(ct);
        if (o.Neo4jReuse && await HoldsAsync(store, documents, ct) is { } held)
        {
            output.WriteLine($"Neo4j ingestion: skipped, the database already holds this graph ({held.Documents:N0} documents, {held.Nodes:N0} nodes, {held.Edges:N0} edges)");
            return held.Documents;
        }
        await WipeAsync(store, ct);
        var version = (await store.Http.DialectAsync(ct)).Version;
        var cap = TimeSpan.FromMinutes(o.Neo4jMaxMinutes);
        var sw = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();
        var written = 0;
        long rows = 0;
        while (written < documents.Count && sw.Elapsed < cap)
        {
            var batch = documents.GetRange(written, Math.Min(o.Neo4jBatch, documents.Count - written));
            if (batch.Count == 1) await store.WriteDocumentAsync(batch[0], ct);
            else await store.WriteDocumentsAsync(batch, ct);
            written += batch.Count;
            rows += batch.Sum(d => d.Nodes.Count + d.Edges.Count);
            if (progress.Elapsed > TimeSpan.FromSeconds(60)) { Console.Error.WriteLine($"neo4j: {written:N0}/{documents.Count:N0} documents in {sw.Elapsed.TotalMinutes:N1} min"); progress.Restart(); }
        }
        var s = sw.Elapsed.TotalSeconds;
        var counts = await store.CountAsync(ct);
        output.WriteLine($"Neo4j {version} ingestion (the adapter, {(o.Neo4jBatch == 1 ? "one transaction per document" : $"one transaction per {o.Neo4jBatch} documents")}, one client): {written / s:N1} documents/s, {counts.Edges / s:N0} edges/s, {rows / s:N0} rows/s ({s / 60:N1} min); " +
            $"{counts.Documents:N0} documents, {counts.Nodes:N0} nodes, {counts.Edges:N0} edges");
        if (written < documents.Count)
            output.WriteLine($"  STOPPED at the {o.Neo4jMaxMinutes:N0}-minute cap after {written:N0} of {documents.Count:N0} documents; all of them would take about {documents.Count / (written / s) / 60:N0} min at this rate (extrapolated, not measured).");
        return written;
    }

    /// <summary>
    /// The floor under the adapter's batches: the same documents in the same batches, written as plain
    /// <c>UNWIND ... MERGE ... SET</c> of their node and relationship rows alone (<c>rows</c>), or of those
    /// and the Document nodes and MENTIONS with their quotes (<c>quotes</c>); no document counts, roll-up or
    /// name index (<see cref="Neo4jGraphStore.PlainMergeStatements(IReadOnlyList{DocumentGraph}, bool)"/>).
    /// What this server can write at best, whatever the adapter does; the graph it leaves is not the service's and is not queried.
    /// </summary>
    private static async Task IngestNeo4jFloorAsync(List<DocumentGraph> documents, StoresBenchOptions o, TextWriter output, CancellationToken ct)
    {
        var password = Environment.GetEnvironmentVariable("RelationsGraph__Store__Neo4j__Password") ?? "";
        var options = new Neo4jOptions { Uri = o.Neo4jUri!, User = o.Neo4jUser, Password = password, RequestTimeoutSeconds = 120 };
        using var store = new Neo4jGraphStore(Options.Create(options), NullLogger<Neo4jGraphStore>.Instance);
        await store.InitializeAsync(ct);
        await WipeAsync(store, ct);
        var version = (await store.Http.DialectAsync(ct)).Version;
        var quotes = o.Neo4jFloor == "quotes";
        var cap = TimeSpan.FromMinutes(o.Neo4jMaxMinutes);
        var sw = Stopwatch.StartNew();
        var written = 0;
        while (written < documents.Count && sw.Elapsed < cap)
        {
            var batch = documents.GetRange(written, Math.Min(o.Neo4jBatch, documents.Count - written));
            await store.Http.RunAsync(Neo4jGraphStore.PlainMergeStatements(batch, quotes).ToList(), ct);
            written += batch.Count;
        }
        var s = sw.Elapsed.TotalSeconds;
        var counts = await store.CountAsync(ct);
        output.WriteLine($"Neo4j {version} floor (plain UNWIND MERGE of the node and relationship rows{(quotes ? ", with the Document nodes and MENTIONS and their quotes" : " alone")}, one transaction per {o.Neo4jBatch} documents, one client): {written / s:N1} documents/s ({s / 60:N1} min); " +
            $"{written:N0} documents, {counts.Nodes:N0} nodes, {counts.Edges:N0} edges");
    }

    /// <summary>Empties the database in slices (one DETACH DELETE of millions of rows would not fit in the server's heap), then lays the schema again.</summary>
    private static async Task WipeAsync(Neo4jGraphStore store, CancellationToken ct)
    {
        while ((await store.CountAsync(ct)).Nodes > 0)
            await store.Http.RunAsync(new Cypher("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n"), ct);
        await store.InitializeAsync(ct); // the schema version marker went with the wipe
    }

    /// <summary>The database's counts when it holds exactly these documents (each written before with the same content), else null.</summary>
    private static async Task<GraphCounts?> HoldsAsync(Neo4jGraphStore store, List<DocumentGraph> documents, CancellationToken ct)
    {
        var counts = await store.CountAsync(ct);
        if (counts.Documents != documents.Count) return null;
        for (var i = 0; i < documents.Count; i += 1000)
        {
            var batch = documents.GetRange(i, Math.Min(1000, documents.Count - i));
            var stored = (await store.GetNodesAsync(batch.Select(d => d.Document.Id).ToList(), ct)).OfType<Document>().ToDictionary(d => d.Id, d => d.ContentHash);
            if (batch.Any(d => stored.GetValueOrDefault(d.Document.Id) != d.Document.ContentHash)) return null;
        }
        return counts;
    }

    private static async Task<WebApplication> StartApiAsync(string[] settings, CancellationToken ct)
    {
        // the load generator is one client: the per-client rate limit would answer most requests with 429;
        // a slow store gets 60 s per request instead of 10, so that it is measured rather than timed out
        var app = RelationsGraphHosting.BuildApp(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RelationsGraph:Api:RateLimit:PermitsPerMinute=0",
            "--RelationsGraph:Api:ExecutionTimeoutSeconds=60", .. settings]);
        await app.StartAsync(ct);
        return app;
    }

    /// <summary>The same two questions straight on the store, one caller: what the store costs without HTTP and GraphQL.</summary>
    private static async Task StoreCallsAsync(IGraphStore store, Func<Random, Dyad> pick, TextWriter output, CancellationToken ct)
    {
        var random = new Random(7);
        var find = new List<double>();
        var timeline = new List<double>();
        var queries = new RelationQueries(store);
        var until = Stopwatch.StartNew();
        for (var i = 0; i < 2000 && until.Elapsed < TimeSpan.FromSeconds(10); i++)
        {
            var d = pick(random);
            var sw = Stopwatch.StartNew();
            await store.FindEventsAsync(new EventFilter(d.Actor, d.Counterpart), new PageRequest(20), ct);
            find.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            await queries.TimelineAsync(new EventFilter(d.Actor, d.Counterpart), Granularity.Year, ct);
            timeline.Add(sw.Elapsed.TotalMilliseconds);
        }
        find.Sort();
        timeline.Sort();
        output.WriteLine($"  {store.GetType().Name} calls without HTTP (one caller, {find.Count} dyads): FindEventsAsync(first 20) p50 {Machine.Percentile(find, 0.5):N2} ms, p99 {Machine.Percentile(find, 0.99):N2} ms; " +
            $"TimelineAsync p50 {Machine.Percentile(timeline, 0.5):N2} ms, p99 {Machine.Percentile(timeline, 0.99):N2} ms");
    }

    /// <summary>The same GraphQL requests executed and serialized in process, one caller: what GraphQL and JSON cost without HTTP.</summary>
    private static async Task GraphQLCallsAsync(IServiceProvider services, Func<Random, LoadGenerator.Request> next, TextWriter output, CancellationToken ct)
    {
        var executer = services.GetRequiredService<GraphQL.IDocumentExecuter<GraphQL.Types.ISchema>>();
        var serializer = services.GetRequiredService<GraphQL.IGraphQLTextSerializer>();
        var random = new Random(11);
        var times = new Dictionary<string, List<double>>();
        var allocated = new Dictionary<string, long>();
        var until = Stopwatch.StartNew();
        for (var i = 0; i < 3000 && until.Elapsed < TimeSpan.FromSeconds(10); i++)
        {
            var request = next(random);
            var query = serializer.Deserialize<GraphQL.Transport.GraphQLRequest>(request.Body)!.Query!;
            using var scope = services.CreateScope();
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var result = await executer.ExecuteAsync(new GraphQL.ExecutionOptions { Query = query, RequestServices = scope.ServiceProvider, CancellationToken = ct });
            using var sink = new MemoryStream();
            await serializer.WriteAsync(sink, result, ct);
            if (i < 200) continue;
            (times.TryGetValue(request.Kind, out var l) ? l : times[request.Kind] = []).Add(sw.Elapsed.TotalMilliseconds);
            allocated[request.Kind] = allocated.GetValueOrDefault(request.Kind) + GC.GetTotalAllocatedBytes(precise: true) - bytes;
        }
        foreach (var (kind, list) in times.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            list.Sort();
            output.WriteLine($"  GraphQL execution + JSON without HTTP (one caller): {kind} p50 {Machine.Percentile(list, 0.5):N2} ms, p99 {Machine.Percentile(list, 0.99):N2} ms, {allocated[kind] / 1024.0 / list.Count:N0} KB allocated per request");
        }
    }

    /// <summary>
    /// One load level: the load generator in its own process (bench load), this process serving; CPU
    /// time and garbage collection are the server's.
    /// </summary>
    private static async Task<List<LoadResult>> LoadAsync(WebApplication app, string requestsFile, StoresBenchOptions o, int clients, string name, CancellationToken ct)
    {
        var url = new Uri(new Uri(app.Urls.First()), "/graphql");
        Console.Error.WriteLine($"{name}: load on {url} with {clients} clients for {o.WarmUpSeconds} + {o.DurationSeconds} s");
        var warmUp = TimeSpan.FromSeconds(o.WarmUpSeconds);
        var child = LoadGenerator.RunInChildAsync(url, requestsFile, clients, warmUp, TimeSpan.FromSeconds(o.DurationSeconds), ct);
        // measure this process over the measured phase only (the child warms up first; its start-up is about a second)
        await Task.WhenAny(child, Task.Delay(warmUp + TimeSpan.FromSeconds(1), ct));
        var meter = ProcessGc.Meter();
        var results = await child;
        var (cpuMs, gc) = meter(results.Sum(r => r.SortedMs.Count + r.Errors));
        return results.Select(r => r with { CpuMsPerRequest = cpuMs, Gc = gc }).ToList();
    }
}
