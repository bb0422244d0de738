using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Api.Hosting;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>
/// relationsgraph bench relations: the <c>relations</c> summary on a store that already holds the
/// synthetic graph of <c>bench stores</c> (Neo4j with --neo4j-uri, or the embedded store kept with
/// --data), for a large dyad (the Land and foreign country with the most events) and a small one (a
/// stated dyad of median size), one caller, GraphQL executed and serialized in process: latency,
/// allocation, store calls and Neo4j HTTP requests per request. Nothing is written.
/// </summary>
internal static class RelationsBench
{
    /// <summary>The query shapes: the counts alone, the README's whole summary, and the counts with first pages of the lists.</summary>
    private static readonly (string Name, string Selection)[] Shapes =
    [
        ("counts", "firstContact { date } lastContact { date } eventCount eventsByType { type count }"),
        ("summary", "firstContact { date } lastContact { date } eventCount eventsByType { type count } agreements { status agreement { title } events { type date } } " +
            "officials { person { name } offices { office { title } from to } } figures { subject value qualifier asOf }"),
        ("officials", "officials { person { name } offices { office { title } from to } }"),
        ("agreements", "agreements { status agreement { title } events { type date } }"),
        ("figures", "figures { subject value qualifier asOf }"),
        ("pages", "eventCount agreementCount officialCount events(first: 20) { nodes { id type date title } } " +
            "officialsConnection(first: 10) { nodes { person { name } } } agreementsConnection(first: 10) { nodes { status agreement { title } } }"),
    ];

    public static Command Command()
    {
        var edges = new Option<int>("--edges") { Description = "Edges of the synthetic graph the store holds (as given to bench stores).", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var uri = new Option<string?>("--neo4j-uri") { Description = "Neo4j holding the graph (HTTP address; password from RelationsGraph__Store__Neo4j__Password). Only read." };
        var user = new Option<string>("--neo4j-user") { DefaultValueFactory = _ => "neo4j" };
        var data = new Option<string?>("--data") { Description = "Or: the embedded store's folder holding the graph (bench stores --data)." };
        var duration = new Option<int>("--duration") { Description = "Seconds per query shape and dyad (at least 3 requests each).", DefaultValueFactory = _ => 10 };
        var shapes = new Option<string[]>("--queries") { Description = "Query shapes: counts, summary, officials, agreements, figures, pages (default: counts summary pages).", DefaultValueFactory = _ => ["counts", "summary", "pages"], AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("relations", "relations(between, and) on a store holding the bench stores graph: p50/p99, allocation, store calls and Neo4j requests per request, for a large and a small dyad.")
            { edges, seed, uri, user, data, duration, shapes };
        cmd.SetAction((parse, ct) => RunAsync(parse.GetValue(edges), parse.GetValue(seed), parse.GetValue(uri), parse.GetValue(user)!, parse.GetValue(data), parse.GetValue(duration),
            parse.GetValue(shapes) ?? [], Console.Out, ct));
        return cmd;
    }

    private static async Task<int> RunAsync(int edges, int seed, string? neo4jUri, string neo4jUser, string? data, int duration, string[] shapes, TextWriter output, CancellationToken ct)
    {
        if ((neo4jUri is null) == (data is null)) { Console.Error.WriteLine("Give the store that holds the graph: --neo4j-uri URI or --data DIR."); return 2; }
        var unknown = shapes.Except(Shapes.Select(s => s.Name)).ToList();
        if (unknown.Count > 0) { Console.Error.WriteLine($"Unknown query shape(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Shapes.Select(s => s.Name))}."); return 2; }
        output.WriteLine($"Machine: {Machine.Describe()}");
        output.WriteLine($"Load average at start: {LoadAverage()}");

        // the dyads, from the same generator as bench stores: the documents themselves are not needed
        var (documents, dyads, _, _) = new SyntheticGraph().Generate(edges, seed);
        var expectedDocuments = documents.Count;
        documents = null!;
        var gazetteer = Extraction.Gazetteer.Shared;
        var large = dyads.GroupBy(d => new Dyad(d.Key.Actor, gazetteer.CountryOf(d.Key.Counterpart)!)).Select(g => (Dyad: g.Key, Events: g.Sum(d => d.Value)))
            .OrderByDescending(x => x.Events).ThenBy(x => x.Dyad.Actor, StringComparer.Ordinal).ThenBy(x => x.Dyad.Counterpart, StringComparer.Ordinal).First();
        var sizes = dyads.Values.Order().ToList();
        var median = sizes[sizes.Count / 2];
        var small = dyads.Where(d => d.Value == median).Select(d => (Dyad: d.Key, Events: d.Value))
            .OrderBy(x => x.Dyad.Actor, StringComparer.Ordinal).ThenBy(x => x.Dyad.Counterpart, StringComparer.Ordinal).First();

        string[] settings = neo4jUri is not null
            ? ["--RelationsGraph:Store:Kind=Neo4j", $"--RelationsGraph:Store:Neo4j:Uri={neo4jUri}", $"--RelationsGraph:Store:Neo4j:User={neo4jUser}"]
            : ["--RelationsGraph:Store:Kind=Embedded", $"--RelationsGraph:Store:DataDirectory={data}"];
        var app = RelationsGraphHosting.BuildApp(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--RelationsGraph:Api:RateLimit:PermitsPerMinute=0",
            "--RelationsGraph:Api:ExecutionTimeoutSeconds=120", "--RelationsGraph:Ingestion:SeedDirectory=", .. settings]);
        await app.StartAsync(ct);
        await using var _app = app;
        var store = app.Services.GetRequiredService<Graph.IGraphStore>();
        var held = await store.CountAsync(ct);
        if (held.Documents != expectedDocuments)
            output.WriteLine($"NOTE: the store holds {held.Documents:N0} documents, the graph of --edges {edges:N0} --seed {seed} has {expectedDocuments:N0}: the figures are of another graph.");
        output.WriteLine($"Store: {(neo4jUri is not null ? $"Neo4j at {neo4jUri}" : $"embedded at {data}")}, {held.Documents:N0} documents, {held.Nodes:N0} nodes, {held.Edges:N0} edges");
        output.WriteLine($"Dyads: large {large.Dyad.Actor}–{large.Dyad.Counterpart} ({large.Events:N0} events stated with the country's places), small {small.Dyad.Actor}–{small.Dyad.Counterpart} ({small.Events:N0} events, the median stated dyad)");
        output.WriteLine($"One caller, GraphQL executed and serialized in process, {duration} s per line (at least 3 requests); KB is allocated in this process per request; store calls and Neo4j HTTP requests per request:");
        output.WriteLine($"{"dyad",-6} {"query",-8} {"requests",8} {"p50 ms",9} {"p99 ms",9} {"max ms",9} {"KB/req",9} {"calls",6} {"HTTP",5} {"errors",6}");

        using var meters = new CallMeter();
        foreach (var (label, dyad) in new[] { ("large", large.Dyad), ("small", small.Dyad) })
            foreach (var (name, selection) in Shapes.Where(s => shapes.Contains(s.Name)))
            {
                var query = $$"""{ relations(between: "{{dyad.Actor}}", and: "{{dyad.Counterpart}}") { {{selection}} } }""";
                var r = await MeasureAsync(app.Services, query, meters, TimeSpan.FromSeconds(duration), ct);
                output.WriteLine($"{label,-6} {name,-8} {r.Times.Count,8} {Machine.Percentile(r.Times, 0.5),9:N1} {Machine.Percentile(r.Times, 0.99),9:N1} {(r.Times.Count > 0 ? r.Times[^1] : double.NaN),9:N1} " +
                    $"{r.KbPerRequest,9:N0} {r.StoreCalls,6:N1} {r.HttpRequests,5:N1} {r.Errors,6}{(r.FirstError is { } e ? $"  ({e})" : "")}");
            }
        output.WriteLine($"Load average at end: {LoadAverage()}");
        return 0;
    }

    private sealed record Measured(List<double> Times, double KbPerRequest, double StoreCalls, double HttpRequests, int Errors, string? FirstError);

    private static async Task<Measured> MeasureAsync(IServiceProvider services, string query, CallMeter meters, TimeSpan duration, CancellationToken ct)
    {
        var executer = services.GetRequiredService<GraphQL.IDocumentExecuter<GraphQL.Types.ISchema>>();
        var serializer = services.GetRequiredService<GraphQL.IGraphQLTextSerializer>();
        async Task<(double Ms, string? Error)> OnceAsync()
        {
            using var scope = services.CreateScope();
            var sw = Stopwatch.StartNew();
            var result = await executer.ExecuteAsync(new GraphQL.ExecutionOptions { Query = query, RequestServices = scope.ServiceProvider, CancellationToken = ct });
            using var sink = new MemoryStream();
            await serializer.WriteAsync(sink, result, ct);
            return (sw.Elapsed.TotalMilliseconds, result.Errors is { Count: > 0 } errors ? errors[0].Message : null);
        }
        await OnceAsync(); // warm: the first request compiles the query path
        var times = new List<double>();
        var errorCount = 0;
        string? firstError = null;
        meters.Reset();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var until = Stopwatch.StartNew();
        while (until.Elapsed < duration || times.Count < 3)
        {
            var (ms, error) = await OnceAsync();
            times.Add(ms);
            if (error is not null) { errorCount++; firstError ??= error.Length > 80 ? error[..80] + "…" : error; }
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        times.Sort();
        return new Measured(times, allocated / 1024.0 / times.Count, meters.StoreCalls / (double)times.Count, meters.HttpRequests / (double)times.Count, errorCount, firstError);
    }

    /// <summary>Counts the store calls (relationsgraph.store.duration) and HTTP client requests (to Neo4j) made in this process.</summary>
    private sealed class CallMeter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long storeCalls;
        private long httpRequests;

        public CallMeter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name is "relationsgraph.store.duration" or "http.client.request.duration") l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
            {
                if (instrument.Name == "relationsgraph.store.duration") Interlocked.Increment(ref storeCalls);
                else Interlocked.Increment(ref httpRequests);
            });
            listener.Start();
        }

        public long StoreCalls => Interlocked.Read(ref storeCalls);
        public long HttpRequests => Interlocked.Read(ref httpRequests);

        public void Reset()
        {
            Interlocked.Exchange(ref storeCalls, 0);
            Interlocked.Exchange(ref httpRequests, 0);
        }

        public void Dispose() => listener.Dispose();
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
