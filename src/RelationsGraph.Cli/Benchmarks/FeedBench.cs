using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion.Sources;

namespace RelationsGraph.Cli.Benchmarks;

/// <summary>
/// relationsgraph bench feed: a newsroom on Kestrel at 127.0.0.1 with a feed of generated releases, each
/// a page; the feed polled end to end (fetch, extract, write to the embedded store) as the worker polls it.
/// Prints pages/s, then what a second poll costs.
/// </summary>
internal static class FeedBench
{
    public static Command Command()
    {
        var items = new Option<int>("--items") { Description = "Releases in the feed.", DefaultValueFactory = _ => 500 };
        var rate = new Option<double>("--rate") { Description = "Requests per second per host (RelationsGraph:Fetch:RequestsPerSecondPerHost); 0 turns the limit off.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var cmd = new Command("feed", "A feed of generated releases from a local server, ingested end to end into a fresh embedded store: pages/s, and the cost of a second poll.") { items, rate, seed };
        cmd.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(items), parse.GetValue(rate), parse.GetValue(seed), ct));
        return cmd;
    }

    private static async Task<int> RunAsync(int count, double rate, int seed, CancellationToken ct)
    {
        Console.WriteLine($"Machine: {Machine.Describe()}");
        var hits = new ConcurrentQueue<(string Path, int Status, DateTimeOffset At)>();
        var releases = new PressReleaseGenerator(seed).Generate(count).ToList();
        var pages = releases.Select((r, i) => ($"/presse/{i:D4}.html", r)).ToDictionary(p => p.Item1, p => Page(p.r.Text, p.r.Language), StringComparer.Ordinal);
        var feed = Rss(releases.Select((r, i) => ($"/presse/{i:D4}.html", r.Text.Split('\n')[0])));

        var web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = web.Build();
        string? baseUrl = null;
        server.Run(async ctx =>
        {
            var path = ctx.Request.Path.Value!;
            if (path == "/presse.rss")
            {
                if (ctx.Request.Headers.IfNoneMatch == "\"feed-1\"") ctx.Response.StatusCode = 304;
                else
                {
                    ctx.Response.ContentType = "application/rss+xml";
                    ctx.Response.Headers.ETag = "\"feed-1\"";
                    await ctx.Response.WriteAsync(feed.Replace("BASE", baseUrl), ct);
                }
            }
            else if (pages.TryGetValue(path, out var html))
            {
                ctx.Response.ContentType = "text/html; charset=utf-8";
                await ctx.Response.WriteAsync(html, ct);
            }
            else ctx.Response.StatusCode = 404;
            hits.Enqueue((path, ctx.Response.StatusCode, DateTimeOffset.UtcNow));
        });
        await server.StartAsync(ct);
        baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var data = Path.Combine(Path.GetTempPath(), "rg-bench-feed-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder([
            "--RelationsGraph:Store:Kind=Embedded", $"--RelationsGraph:Store:DataDirectory={data}",
            "--RelationsGraph:Fetch:AllowedPrivateAddresses:0=127.0.0.1", $"--RelationsGraph:Fetch:RequestsPerSecondPerHost={rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        ]);
        builder.Logging.ClearProviders();
        builder.AddRelationsGraphStore();
        builder.Services.AddWebSources(builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<IGraphStore>().InitializeAsync(ct);
            var poller = host.Services.GetRequiredService<FeedPoller>();
            var source = new FeedSource { Name = "bench", Url = baseUrl + "/presse.rss" };
            Console.WriteLine($"Feed: {count} generated releases (seed {seed}) as newsroom pages at {source.Url}; per-host limit {(rate > 0 ? $"{rate} requests/s" : "off")}; embedded store in {data}");

            var sw = Stopwatch.StartNew();
            var first = await poller.PollAsync(source, null, ct);
            var s = sw.Elapsed.TotalSeconds;
            var ingested = first.Pages.Count(p => p.State == FetchState.Ingested);
            var requests = hits.ToList();
            var span = requests.Count > 1 ? (requests[^1].At - requests[0].At).TotalSeconds : 0;
            Console.WriteLine($"First poll : {first.FeedOutcome}; {ingested} pages ingested, {first.Pages.Count(p => p.State == FetchState.Rejected)} rejected, {first.Pages.Count(p => p.State == FetchState.Failing)} failing in {s:N2} s");
            Console.WriteLine($"           : {ingested / s:N1} pages/s end to end (fetch, extract, write); {requests.Count} requests to the host, {(span > 0 ? requests.Count / span : 0):N2} requests/s");
            var before = hits.Count;
            sw.Restart();
            var second = await poller.PollAsync(source, null, ct);
            var again = hits.Skip(before).ToList();
            Console.WriteLine($"Second poll: {second.FeedOutcome}; {again.Count} request(s) ({string.Join(", ", again.Select(h => $"{h.Path} {h.Status}"))}), {again.Count(h => h.Path != "/presse.rss")} page fetches, {sw.Elapsed.TotalMilliseconds:N0} ms");
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static string Page(string text, string language) =>
        $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>Presse</title></head><body>" +
        "<div class=\"cookie-banner\">Diese Website verwendet Cookies.</div><nav><a href=\"/\">Startseite</a> <a href=\"/presse\">Presse</a></nav><main><article>" +
        string.Concat(text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => $"<p>{WebUtility.HtmlEncode(p.Trim())}</p>")) +
        "</article><aside>Weitere Meldungen</aside></main><footer>Impressum · Datenschutz</footer></body></html>";

    private static string Rss(IEnumerable<(string Path, string Title)> items) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Bench</title><link>BASE/</link><description>Bench</description>" +
        string.Concat(items.Select((x, i) => $"<item><title>{WebUtility.HtmlEncode(x.Title)}</title><link>BASE{x.Path}</link><guid>BASE{x.Path}</guid><pubDate>{new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i):r}</pubDate></item>")) +
        "</channel></rss>";
}
