using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Model;
using RelationsGraph.Stores.Neo4j;

namespace RelationsGraph.Cli;

/// <summary>
/// relationsgraph bench neo4j: on one Neo4j server in one run, the adapter's write rate against a raw
/// UNWIND ... MERGE of the same rows, and cooperationEvents latency. Prints figures; wipes the database.
/// </summary>
internal static class Bench
{
    public static Command Command()
    {
        var uri = new Option<string>("--neo4j-uri") { Description = "Neo4j's HTTP address.", DefaultValueFactory = _ => "http://127.0.0.1:7474" };
        var user = new Option<string>("--neo4j-user") { DefaultValueFactory = _ => "neo4j" };
        var corpus = new Option<string[]>("--corpus") { Description = "Folders of press releases to build the documents from.", DefaultValueFactory = _ => ["tests/corpus", "seeds"] };
        var copies = new Option<int>("--copies") { Description = "How many renamed copies of each document to write.", DefaultValueFactory = _ => 20 };
        var queries = new Option<int>("--queries") { Description = "How many cooperationEvents calls to time.", DefaultValueFactory = _ => 300 };
        var yes = new Option<bool>("--wipe") { Description = "Confirm that the database may be emptied (required)." };
        var cmd = new Command("bench", "Benchmarks. 'bench neo4j' measures the Neo4j adapter (password from RelationsGraph__Store__Neo4j__Password); it EMPTIES the database.");
        var neo = new Command("neo4j", "Adapter write rate vs raw UNWIND MERGE, and cooperationEvents latency p50/p99.") { uri, user, corpus, copies, queries, yes };
        neo.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(yes)) { Console.Error.WriteLine("This empties the database: add --wipe to confirm."); return 2; }
            var password = Environment.GetEnvironmentVariable("RelationsGraph__Store__Neo4j__Password") ?? "";
            var options = new Neo4jOptions { Uri = parse.GetValue(uri)!, User = parse.GetValue(user)!, Password = password };
            using var store = new Neo4jGraphStore(Options.Create(options), NullLogger<Neo4jGraphStore>.Instance);
            await store.InitializeAsync(ct);
            var graphs = Documents(parse.GetValue(corpus)!, parse.GetValue(copies));
            var rows = graphs.Sum(g => g.Nodes.Count + g.Edges.Count);
            Console.WriteLine($"Neo4j {(await store.Http.DialectAsync(ct)).Version} at {options.Uri}; {graphs.Count} documents, {rows} node and edge rows, one transaction per document.");

            // Alternate the two, three rounds each on an emptied database, and take the median of each:
            // the server warms up and the machine is shared, so one run of each would favour the second.
            var rawTimes = new List<double>();
            var provenanceTimes = new List<double>();
            var adapterTimes = new List<double>();
            async Task<double> TimeAsync(Func<DocumentGraph, Task> write)
            {
                await Wipe(store, ct);
                var sw = Stopwatch.StartNew();
                foreach (var g in graphs) await write(g);
                return sw.Elapsed.TotalSeconds;
            }
            for (var round = 0; round < 3; round++)
            {
                rawTimes.Add(await TimeAsync(g => store.Http.RunAsync(Neo4jGraphStore.PlainMergeStatements(g), ct)));
                provenanceTimes.Add(await TimeAsync(g => store.Http.RunAsync(Neo4jGraphStore.PlainMergeStatements(g, withProvenance: true), ct)));
                adapterTimes.Add(await TimeAsync(g => store.WriteDocumentAsync(g, ct)));
            }
            double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
            double Rate(List<double> x) => rows / Median(x);
            Console.WriteLine($"raw UNWIND MERGE, graph rows only          : {Rate(rawTimes),8:N0} rows/s (median of 3)");
            Console.WriteLine($"raw UNWIND MERGE, graph + provenance rows  : {Rate(provenanceTimes),8:N0} rows/s (the Document node with its quotes, a MENTIONS per node)");
            Console.WriteLine($"adapter WriteDocumentAsync                 : {Rate(adapterTimes),8:N0} rows/s = {Rate(adapterTimes) / Rate(rawTimes):P0} of graph rows only, {Rate(adapterTimes) / Rate(provenanceTimes):P0} of graph + provenance");
            Console.WriteLine("  (the adapter also reads the stored version, retracts it, merges with other documents' statements and counts references)");

            var pairs = new[] { ("DE-NW", "JP"), ("DE-NW", "JP-07"), ("DE", "JP"), ("DE-BY", "JP"), ("DE", "US") };
            var times = new List<double>();
            var n = parse.GetValue(queries);
            for (var i = 0; i < n; i++)
            {
                var (a, b) = pairs[i % pairs.Length];
                var sw = Stopwatch.StartNew();
                await store.FindEventsAsync(new EventFilter(a, b), new PageRequest(20), ct);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"cooperationEvents: p50 {Percentile(times, 0.50):N1} ms, p99 {Percentile(times, 0.99):N1} ms over {n} calls ({n / (times.Sum() / 1000):N0} calls/s from one client)");
            return 0;
        });
        cmd.Subcommands.Add(neo);
        cmd.Subcommands.Add(ExtractionCommand());
        cmd.Subcommands.Add(Benchmarks.FeedBench.Command());
        cmd.Subcommands.Add(StoresCommand());
        cmd.Subcommands.Add(LoadCommand());
        cmd.Subcommands.Add(Benchmarks.RelationsBench.Command());
        cmd.Subcommands.Add(Benchmarks.WorkerBench.Command());
        return cmd;
    }

    private static Command LoadCommand()
    {
        var url = new Option<string>("--url") { Description = "The GraphQL endpoint.", Required = true };
        var requests = new Option<string>("--requests") { Description = "A file of requests, one per line: KIND<TAB>JSON body.", Required = true };
        var clients = new Option<int>("--clients") { DefaultValueFactory = _ => 1 };
        var duration = new Option<int>("--duration") { DefaultValueFactory = _ => 20 };
        var warmUp = new Option<int>("--warm-up") { DefaultValueFactory = _ => 5 };
        var cmd = new Command("load", "The load generator on its own (bench stores runs it as a separate process): closed-loop clients posting the requests of a file; prints the latencies as JSON.")
            { url, requests, clients, duration, warmUp };
        cmd.SetAction((parse, ct) => Benchmarks.LoadGenerator.RunFromFileAsync(new Uri(parse.GetValue(url)!), parse.GetValue(requests)!, parse.GetValue(clients),
            TimeSpan.FromSeconds(parse.GetValue(warmUp)), TimeSpan.FromSeconds(parse.GetValue(duration)), Console.Out, ct));
        return cmd;
    }

    private static Command ExtractionCommand()
    {
        var documents = new Option<int>("--documents") { Description = "How many press releases to generate.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed gives the same corpus.", DefaultValueFactory = _ => 1 };
        var write = new Option<string?>("--write") { Description = "Also write the generated corpus to this folder (one .txt per release)." };
        var cmd = new Command("extraction", "Extraction + graph building throughput (documents/s, MB/s) on a generated corpus, single-threaded and on all cores.") { documents, seed, write };
        cmd.SetAction(parse => Benchmarks.ExtractionBench.Run(parse.GetValue(documents), parse.GetValue(seed), parse.GetValue(write), Console.Out));
        return cmd;
    }

    private static Command StoresCommand()
    {
        var edges = new Option<int>("--edges") { Description = "Distinct edges of the synthetic graph (documents are generated until there are this many).", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var uri = new Option<string?>("--neo4j-uri") { Description = "Also ingest into and query this Neo4j (HTTP address; password from RelationsGraph__Store__Neo4j__Password). EMPTIES it." };
        var user = new Option<string>("--neo4j-user") { DefaultValueFactory = _ => "neo4j" };
        var wipe = new Option<bool>("--wipe") { Description = "Confirm that the Neo4j database may be emptied (required with --neo4j-uri)." };
        var duration = new Option<int>("--duration") { Description = "Seconds of measured load per store.", DefaultValueFactory = _ => 20 };
        var warmUp = new Option<int>("--warm-up") { Description = "Seconds of load before measuring.", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int[]>("--concurrency") { Description = "Clients of the closed-loop load generator; several levels run one after another (--concurrency 1 2 8).", DefaultValueFactory = _ => [1, 2, 8], AllowMultipleArgumentsPerToken = true };
        var cap = new Option<double>("--neo4j-max-minutes") { Description = "Stop Neo4j ingestion after this long (then its figures are on a smaller graph, and the output says so).", DefaultValueFactory = _ => 20 };
        var data = new Option<string?>("--data") { Description = "Keep the embedded store in this folder (default: a temporary folder, deleted at the end); a store kept there from the same graph is reused without ingesting again." };
        var batch = new Option<int>("--neo4j-batch") { Description = "Documents per Neo4j transaction (WriteDocumentsAsync, as 'copy' writes); 1 is the service's one transaction per document (WriteDocumentAsync).", DefaultValueFactory = _ => 1 };
        var reuse = new Option<bool>("--neo4j-reuse") { Description = "Keep a Neo4j database that already holds this graph (the same documents, unchanged) instead of emptying and filling it again; otherwise as --wipe." };
        var neo4jOnly = new Option<bool>("--neo4j-only") { Description = "Measure Neo4j alone: no embedded store is ingested, started or loaded." };
        var floor = new Option<string?>("--neo4j-floor") { Description = "Only the floor under the adapter: the same documents in the same batches (--neo4j-batch) written as plain UNWIND MERGE of their node and relationship rows ('rows'), or of those and the Document nodes and MENTIONS with their quotes ('quotes'), documents/s; nothing is queried. EMPTIES the database." };
        floor.AcceptOnlyFromAmong("rows", "quotes");
        var cmd = new Command("stores", "Synthetic graph of ≥1M edges: ingestion into the embedded store (and Neo4j), memory per edge, cooperationEvents and timeline p50/p95/p99 and req/s over HTTP under bounded load.")
            { edges, seed, uri, user, wipe, duration, warmUp, concurrency, cap, data, batch, reuse, neo4jOnly, floor };
        cmd.SetAction((parse, ct) => Benchmarks.StoresBench.RunAsync(new Benchmarks.StoresBenchOptions(parse.GetValue(edges), parse.GetValue(seed), parse.GetValue(uri), parse.GetValue(user)!,
            parse.GetValue(wipe), parse.GetValue(duration), parse.GetValue(warmUp), parse.GetValue(concurrency) ?? [1, 2, 8], parse.GetValue(cap), parse.GetValue(data), Math.Max(1, parse.GetValue(batch)), parse.GetValue(reuse), parse.GetValue(neo4jOnly), parse.GetValue(floor)), Console.Out, ct));
        return cmd;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static Task Wipe(Neo4jGraphStore store, CancellationToken ct) => store.Http.RunAsync(new Cypher("MATCH (n) DETACH DELETE n"), ct);

    private static List<DocumentGraph> Documents(string[] folders, int copies)
    {
        var extractor = new PressReleaseExtractor();
        var builder = new GraphBuilder();
        var originals = folders.SelectMany(DocumentIngestor.FilesAt)
            .Select(f => builder.Build(extractor.Extract(SourceText.Read(f), new DocumentHints(SourceName: Path.GetFileName(f))))).ToList();
        return Enumerable.Range(0, copies).SelectMany(i => originals.Select(g => g with
        {
            Document = g.Document with { Id = $"{g.Document.Id}-{i}", ContentHash = $"{g.Document.ContentHash}-{i}" },
            // distinct events per copy, shared places: as many documents about the same relations would give
            Nodes = g.Nodes.Select(n => n.Node is Event e ? n with { Node = e with { Id = $"{e.Id}-{i}" } } : n).ToList(),
            Edges = g.Edges.Select(x => x.Edge.Source.StartsWith("event:", StringComparison.Ordinal) ? x with { Edge = x.Edge with { Source = $"{x.Edge.Source}-{i}" } } : x).ToList(),
        })).ToList();
    }
}
