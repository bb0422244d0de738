using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace RelationsGraph.Core.Tests;

/// <summary>
/// What `relationsgraph serve` logs, read from the process's own output: no line per request at default
/// settings; one structured line per request when RelationsGraph.Requests is set to Debug, in JSON with
/// Logging:Console:FormatterName=json. And /metrics moved to a port of its own by setting.
/// </summary>
public sealed class ServeLogTests : IDisposable
{
    private const string Cooperation = """{"query":"query Cooperation { cooperationEvents(between: \"NRW\", and: \"Fukushima\") { totalCount } }"}""";

    private readonly string work = Directory.CreateTempSubdirectory("rg-logs-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task ServeWritesNoLinePerRequestGivenDefaultSettings()
    {
        await using var serve = await ServeAsync();
        var before = serve.Lines();
        Assert.Contains(before, l => l.Contains("Application started", StringComparison.Ordinal));

        await serve.SendAsync(count: 40);
        await Task.Delay(1000);

        var added = serve.Lines().Skip(before.Count).ToList();
        Assert.True(added.Count == 0, "40 requests should write no log line, but wrote:\n" + string.Join("\n", added));
    }

    [Fact]
    public async Task ServeWritesOneJsonLinePerRequestGivenRequestLogsAtDebug()
    {
        await using var serve = await ServeAsync("--Logging:LogLevel:RelationsGraph.Requests=Debug", "--Logging:Console:FormatterName=json");

        await serve.SendAsync(count: 5);
        await Task.Delay(1000);

        var entries = serve.Lines().Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line is JSON
        var requests = entries.Where(e => e.GetProperty("Category").GetString() == "RelationsGraph.Requests"
            && e.GetProperty("State").GetProperty("Path").GetString() == "/graphql").ToList();
        Assert.Equal(5, requests.Count);
        Assert.All(requests, r =>
        {
            var state = r.GetProperty("State");
            Assert.Equal("POST", state.GetProperty("Method").GetString());
            Assert.Equal(200, state.GetProperty("Status").GetInt32());
            Assert.Equal("Cooperation", state.GetProperty("Operation").GetString());
            Assert.True(state.GetProperty("Milliseconds").GetDouble() > 0);
        });
        Assert.DoesNotContain(entries, e => e.GetProperty("Category").GetString()!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeAnswersMetricsOnlyOnTheirOwnPortGivenAMetricsPort()
    {
        var port = FreePort();
        await using var serve = await ServeAsync($"--RelationsGraph:Telemetry:Metrics:Port={port}");
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{serve.Url}/metrics")).StatusCode);
        var scrape = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("relationsgraph_store_duration_seconds_count", await scrape.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/graphql?query=%7BgraphStats%7Bdocuments%7D%7D")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{serve.Url}/graphql?query=%7BgraphStats%7Bdocuments%7D%7D")).StatusCode);
    }

    /// <summary>Starts serve on a free port (embedded store in the work folder) and waits until it is ready.</summary>
    private async Task<Serve> ServeAsync(params string[] settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = Process.Start(RelationsGraphCommand.Start(work, new Dictionary<string, string>(), ["serve", "--urls", url, "--data", Path.Combine(work, "data"), .. settings]))!;
        var serve = new Serve(process, url);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!serve.Lines().Any(l => l.Contains("Application started", StringComparison.Ordinal)) && !process.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.True(!process.HasExited && DateTime.UtcNow < deadline, "serve did not start:\n" + string.Join("\n", serve.Lines()));
        return serve;
    }

    private sealed class Serve : IAsyncDisposable
    {
        private readonly Process process;
        private readonly string url;

        public string Url => url;
        private readonly List<string> lines = [];

        public Serve(Process process, string url)
        {
            (this.process, this.url) = (process, url);
            void Append(object _, DataReceivedEventArgs e) { if (e.Data is { Length: > 0 } line) lock (lines) lines.Add(line); }
            process.ErrorDataReceived += Append;
            process.OutputDataReceived += Append;
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public List<string> Lines() { lock (lines) return [.. lines]; }

        /// <summary>Named GraphQL queries over HTTP, each answered 200.</summary>
        public async Task SendAsync(int count)
        {
            using var http = new HttpClient();
            for (var i = 0; i < count; i++)
            {
                using var response = await http.PostAsync($"{url}/graphql", new StringContent(Cooperation, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
