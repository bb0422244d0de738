using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>
/// Latencies of one kind of request: percentiles, throughput and errors; with the server's CPU time
/// per request and garbage collection when the server measured them (<see cref="ProcessGc.Meter"/>).
/// </summary>
internal sealed record LoadResult(string Query, int Clients, List<double> SortedMs, int Errors, double Seconds, double? CpuMsPerRequest = null, ProcessGc? Gc = null)
{
    public double P(double p) => Machine.Percentile(SortedMs, p);
    public double PerSecond => SortedMs.Count / Seconds;
}

/// <summary>What the garbage collector did in this process during a load phase, per request and in all.</summary>
internal sealed record ProcessGc(double AllocatedKbPerRequest, int Gen0, int Gen1, int Gen2, double PauseMs)
{
    public override string ToString() => $"{AllocatedKbPerRequest:N0} KB allocated per request; GCs gen0 {Gen0:N0}, gen1 {Gen1:N0}, gen2 {Gen2:N0}; paused {PauseMs:N0} ms in all";

    /// <summary>Starts measuring this process; the function it returns gives CPU ms per request and the collections since.</summary>
    public static Func<int, (double CpuMsPerRequest, ProcessGc Gc)> Meter()
    {
        using var self = Process.GetCurrentProcess();
        var (cpu, allocated, gen0, gen1, gen2, pause) = (self.TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        return requests =>
        {
            using var now = Process.GetCurrentProcess();
            requests = Math.Max(1, requests);
            return ((now.TotalProcessorTime - cpu).TotalMilliseconds / requests,
                new ProcessGc((GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / requests, GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
                    (GC.GetTotalPauseDuration() - pause).TotalMilliseconds));
        };
    }
}

/// <summary>
/// A bounded (closed-loop) load generator: a fixed number of clients, each sending its next request
/// when the previous answer has arrived, over HTTP/1.1 keep-alive on loopback, for a fixed time.
/// </summary>
internal static class LoadGenerator
{
    public sealed record Request(string Kind, string Body);

    public static async Task<List<LoadResult>> RunAsync(Uri graphql, Func<Random, Request> next, int concurrency, TimeSpan warmUp, TimeSpan duration, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = false, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(90) }; // beyond the API's execution timeout in the benchmark (60 s)
        await Phase(http, graphql, next, concurrency, warmUp, seed: 1000, ct);
        var sw = Stopwatch.StartNew();
        var perClient = await Phase(http, graphql, next, concurrency, duration, seed: 2000, ct);
        var seconds = sw.Elapsed.TotalSeconds;
        return perClient.SelectMany(x => x).GroupBy(x => x.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LoadResult(g.Key, concurrency, g.Where(x => x.Ok).Select(x => x.Ms).Order().ToList(), g.Count(x => !x.Ok), seconds)).ToList();
    }

    private static async Task<List<(string Kind, double Ms, bool Ok)>[]> Phase(HttpClient http, Uri graphql, Func<Random, Request> next, int concurrency, TimeSpan length, int seed, CancellationToken ct)
    {
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        return await Task.WhenAll(Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            var random = new Random(seed + c);
            var samples = new List<(string, double, bool)>();
            while (Stopwatch.GetTimestamp() < end && !ct.IsCancellationRequested)
            {
                var request = next(random);
                var start = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(graphql, content, ct);
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    ok = response.IsSuccessStatusCode && !await HasErrorsAsync(body, ct);
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
                samples.Add((request.Kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok));
            }
            return samples;
        }, ct)));
    }

    private static async Task<bool> HasErrorsAsync(Stream body, CancellationToken ct)
    {
        using var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return doc.RootElement.TryGetProperty("errors", out _);
    }

    public static string GraphQL(string query) => JsonSerializer.Serialize(new { query });

    /// <summary><c>bench load</c>: the requests of a file (KIND, tab, body per line), each client drawing at random from them; the results as JSON on <paramref name="output"/>.</summary>
    public static async Task<int> RunFromFileAsync(Uri graphql, string requestsFile, int clients, TimeSpan warmUp, TimeSpan duration, TextWriter output, CancellationToken ct)
    {
        var requests = File.ReadLines(requestsFile).Select(l => l.Split('\t', 2)).Select(p => new Request(p[0], p[1])).ToArray();
        var results = await RunAsync(graphql, r => requests[r.Next(requests.Length)], clients, warmUp, duration, ct);
        await output.WriteLineAsync(JsonSerializer.Serialize(results));
        return 0;
    }

    /// <summary>
    /// Runs <c>bench load</c> as a child process against <paramref name="graphql"/>, so that the load
    /// generator's own work and garbage collection are not the server's (as wrk or k6 would).
    /// </summary>
    public static async Task<List<LoadResult>> RunInChildAsync(Uri graphql, string requestsFile, int clients, TimeSpan warmUp, TimeSpan duration, CancellationToken ct)
    {
        var start = new ProcessStartInfo { FileName = Environment.ProcessPath!, RedirectStandardOutput = true, UseShellExecute = false };
        // run as "dotnet relationsgraph.dll" or as the apphost
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(LoadGenerator).Assembly.Location);
        foreach (var a in new[] { "bench", "load", "--url", graphql.ToString(), "--requests", requestsFile, "--clients", clients.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--warm-up", ((int)warmUp.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", ((int)duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var json = await child.StandardOutput.ReadToEndAsync(ct);
        await child.WaitForExitAsync(ct);
        if (child.ExitCode != 0) throw new InvalidOperationException($"bench load exited with {child.ExitCode}");
        return JsonSerializer.Deserialize<List<LoadResult>>(json)!;
    }
}
