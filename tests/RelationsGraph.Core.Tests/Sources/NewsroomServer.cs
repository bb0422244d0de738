using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RelationsGraph.Core.Tests.Sources;

/// <summary>
/// A newsroom on Kestrel at 127.0.0.1 (a free port): pages and feeds set by the test, ETag and 304 for
/// static content, and a log of every request (path, time, status) to count what the fetcher asked for.
/// A path with no content answers 404 (so robots.txt is absent unless a test sets one).
/// </summary>
public sealed class NewsroomServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<Hit> Log { get; } = new();

    public sealed record Hit(string Path, DateTimeOffset At, int Status, bool Conditional);

    public Uri Base { get; }

    private NewsroomServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        Base = baseUri;
    }

    public static async Task<NewsroomServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        NewsroomServer? server = null;
        app.Run(async ctx =>
        {
            var path = ctx.Request.Path.Value + ctx.Request.QueryString.Value;
            var conditional = ctx.Request.Headers.IfNoneMatch.Count > 0 || ctx.Request.Headers.IfModifiedSince.Count > 0;
            try
            {
                if (server!.routes.TryGetValue(path, out var handler)) await handler(ctx);
                else ctx.Response.StatusCode = 404;
            }
            finally
            {
                server!.Log.Enqueue(new Hit(path, DateTimeOffset.UtcNow, ctx.Response.StatusCode, conditional));
            }
        });
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException();
        server = new NewsroomServer(app, new Uri(address.Replace("[::]", "127.0.0.1") + "/"));
        return server;
    }

    public Uri Url(string path) => new(Base, path.TrimStart('/'));

    public void Handle(string path, Func<HttpContext, Task> handler) => routes[path] = handler;

    /// <summary>Static content with an ETag; a request with that ETag in If-None-Match gets 304.</summary>
    public void Serve(string path, string content, string contentType = "text/html; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        routes[path] = async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch.ToString() == etag) { ctx.Response.StatusCode = 304; return; }
            ctx.Response.ContentType = contentType;
            ctx.Response.Headers.ETag = etag;
            await ctx.Response.Body.WriteAsync(bytes);
        };
    }

    /// <summary>Requests for a path (with its query), in order.</summary>
    public IReadOnlyList<Hit> Hits(string path) => Log.Where(h => h.Path == path).ToList();

    public int Count(string path) => Hits(path).Count;

    /// <summary>
    /// The hits on a path once there are at least <paramref name="atLeast"/> (or after 10 s): a hit is logged when
    /// its response ends, and a request the client gave up on ends when the server notices the abort, which
    /// can be after the client has moved on.
    /// </summary>
    public async Task<int> CountAsync(string path, int atLeast)
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(10);
        while (Count(path) < atLeast && DateTimeOffset.UtcNow < until) await Task.Delay(50);
        return Count(path);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>Press releases dressed as newsroom pages, and the feeds that list them.</summary>
public static class Newsroom
{
    public static string Corpus(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "corpus", name + ".txt"));

    /// <summary>A release page: navigation, cookie banner, share bar, related articles and footer around the release.</summary>
    public static string Page(string release, string lang = "de")
    {
        var paragraphs = release.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var body = string.Concat(paragraphs.Select((p, i) => i == 0 ? $"<h1>{WebUtility.HtmlEncode(p.Trim())}</h1>\n" : $"<p>{WebUtility.HtmlEncode(p.Trim())}</p>\n"));
        return $"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8"><title>Pressemitteilung</title></head>
            <body>
            <div class="cookie-banner">Diese Website verwendet Cookies. <button>Akzeptieren</button></div>
            <nav><ul><li><a href="/">Startseite</a></li><li><a href="/presse">Presse</a></li><li><a href="/themen">Themen</a></li></ul></nav>
            <main><article>
            {body}
            </article>
            <div class="share">Teilen: <a href="#">Mastodon</a> <a href="#">E-Mail</a></div>
            <aside class="related"><h2>Weitere Meldungen</h2><ul><li><a href="/presse/alt">Archiv</a></li></ul></aside>
            </main>
            <footer>Impressum · Datenschutz · Barrierefreiheit</footer>
            </body></html>
            """;
    }

    public sealed record Item(string Url, string Title, DateTimeOffset Published, string? Summary = null);

    public static string Rss(string title, IEnumerable<Item> items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{WebUtility.HtmlEncode(title)}</title><link>http://example.invalid/</link><description>Pressemitteilungen</description>
        {string.Concat(items.Select(i => $"<item><title>{WebUtility.HtmlEncode(i.Title)}</title><link>{WebUtility.HtmlEncode(i.Url)}</link><guid isPermaLink=\"false\">{WebUtility.HtmlEncode(i.Url)}</guid><pubDate>{i.Published:r}</pubDate><description>{WebUtility.HtmlEncode(i.Summary ?? i.Title)}</description></item>\n"))}
        </channel></rss>
        """;

    public static string Atom(string title, IEnumerable<Item> items) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>{WebUtility.HtmlEncode(title)}</title><id>urn:test:feed</id><updated>2025-01-01T00:00:00Z</updated>
        {string.Concat(items.Select(i => $"<entry><title>{WebUtility.HtmlEncode(i.Title)}</title><id>{WebUtility.HtmlEncode(i.Url)}</id><link rel=\"alternate\" href=\"{WebUtility.HtmlEncode(i.Url)}\"/><updated>{i.Published:yyyy-MM-ddTHH:mm:ssZ}</updated><summary>{WebUtility.HtmlEncode(i.Summary ?? i.Title)}</summary></entry>\n"))}
        </feed>
        """;

    public static string JsonFeed(string title, IEnumerable<Item> items) => System.Text.Json.JsonSerializer.Serialize(new
    {
        version = "https://jsonfeed.org/version/1.1",
        title,
        items = items.Select(i => new { id = i.Url, url = i.Url, title = i.Title, date_published = i.Published.ToString("yyyy-MM-ddTHH:mm:ssZ"), summary = i.Summary ?? i.Title }),
    });
}
