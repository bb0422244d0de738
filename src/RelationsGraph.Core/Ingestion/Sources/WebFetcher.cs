using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>What became of a request.</summary>
public enum FetchStatus
{
    /// <summary>The body is here.</summary>
    Fetched,
    /// <summary>304: unchanged since the ETag or Last-Modified given.</summary>
    NotModified,
    /// <summary>Not fetched, and fetching again will not help until the address or its content changes (robots.txt, private address, binary, too large, redirect loop).</summary>
    Refused,
    /// <summary>Failed for now (HTTP error, timeout, connection, open circuit): try again later.</summary>
    Failed,
}

/// <summary>The validators of a response, sent back as If-None-Match and If-Modified-Since.</summary>
public sealed record FetchValidators(string? ETag, string? LastModified);

/// <summary>The outcome of one fetch; <see cref="Code"/> and <see cref="Reason"/> say why when it was not fetched.</summary>
public sealed record FetchResult(FetchStatus Status, Uri Url)
{
    public Uri? FinalUrl { get; init; }
    public byte[]? Body { get; init; }
    public string? MediaType { get; init; }
    public string? Charset { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public string? Code { get; init; }
    public string? Reason { get; init; }
    public TimeSpan? RetryAfter { get; init; }

    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Body ?? []));

    public static FetchResult Refuse(Uri url, string code, string reason) => new(FetchStatus.Refused, url) { Code = code, Reason = reason };

    public static FetchResult Fail(Uri url, string code, string reason, TimeSpan? retryAfter = null) => new(FetchStatus.Failed, url) { Code = code, Reason = reason, RetryAfter = retryAfter };
}

/// <summary>
/// Fetches one address politely: only http and https, robots.txt first, conditional GET, redirects
/// followed by hand (at most <see cref="FetchOptions.MaxRedirects"/>, a loop refused), size and content
/// type checked before the body is read. Retries, timeouts, the circuit per host, the rate limit per host
/// and the address check live in the HTTP client's handlers (see <see cref="SourcesHosting"/>).
/// </summary>
public sealed partial class WebFetcher(IHttpClientFactory clients, IOptions<FetchOptions> options, AddressPolicy addresses, RobotsCache robots, ILogger<WebFetcher> logger)
{
    public const string ClientName = "RelationsGraph.Web";

    private readonly SemaphoreSlim robotsGate = new(1, 1);

    static WebFetcher() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Whether an address may be asked for at all (http or https, absolute, no literal private address).</summary>
    public FetchResult? Check(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            return FetchResult.Refuse(url, "BAD_URL", $"'{url}' is not an http or https address; only those are fetched.");
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && !addresses.IsAllowed(ip))
            return FetchResult.Refuse(url, "PRIVATE_ADDRESS", new ForbiddenAddressException(url.Host, [ip]).Message);
        return null;
    }

    public Task<FetchResult> FetchAsync(Uri url, FetchValidators? validators, CancellationToken cancellationToken) =>
        GetAsync(url, validators, checkRobots: true, cancellationToken);

    private async Task<FetchResult> GetAsync(Uri url, FetchValidators? validators, bool checkRobots, CancellationToken ct)
    {
        var o = options.Value;
        if (Check(url) is { } refused) return refused;
        var http = clients.CreateClient(ClientName);
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (checkRobots && await RobotsAsync(current, ct) is { } blocked) return blocked with { Url = url };
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (validators?.ETag is { Length: > 0 } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (validators?.LastModified is { Length: > 0 } lm) request.Headers.TryAddWithoutValidation("If-Modified-Since", lm);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && Failure(url, e) is { } failure)
            {
                return failure;
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme is not ("http" or "https"))
                        return FetchResult.Refuse(url, "BAD_URL", $"{current} redirects to '{next}', which is not an http or https address.");
                    if (!visited.Add(next.AbsoluteUri))
                        return FetchResult.Refuse(url, "REDIRECT_LOOP", $"{url} redirects in a loop ({string.Join(" → ", visited)} → {next}).");
                    if (hop + 1 > o.MaxRedirects)
                        return FetchResult.Refuse(url, "TOO_MANY_REDIRECTS", $"{url} redirects more than {o.MaxRedirects} times; the last address was {next}.");
                    if (Check(next) is { } bad) return bad with { Url = url };
                    current = next;
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotModified)
                    return new FetchResult(FetchStatus.NotModified, url) { FinalUrl = current, ETag = validators?.ETag, LastModified = validators?.LastModified };
                if (!response.IsSuccessStatusCode)
                    return FetchResult.Fail(url, $"HTTP_{status}", $"{current} answered {status} {response.ReasonPhrase}.", RetryAfter(response));
                return await ReadAsync(url, current, response, ct);
            }
        }
    }

    private async Task<FetchResult> ReadAsync(Uri url, Uri final, HttpResponseMessage response, CancellationToken ct)
    {
        var o = options.Value;
        var headers = response.Content.Headers;
        var mediaType = headers.ContentType?.MediaType?.ToLowerInvariant();
        if (headers.ContentLength is { } length && length > o.MaxBytes)
            return FetchResult.Refuse(url, "TOO_LARGE", $"{final} has {length:N0} bytes; at most {o.MaxBytes:N0} are fetched.");
        if (mediaType is not null && !IsText(mediaType))
            return FetchResult.Refuse(url, "BINARY_CONTENT", $"{final} is '{mediaType}', not a text document (HTML, text, a feed): it is not fetched.");
        using var body = new MemoryStream();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(o.TotalTimeoutSeconds));
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                if (body.Length + read > o.MaxBytes)
                    return FetchResult.Refuse(url, "TOO_LARGE", $"{final} has more than {o.MaxBytes:N0} bytes; at most that many are fetched.");
                body.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is OperationCanceledException or HttpRequestException or IOException)
        {
            return FetchResult.Fail(url, e is OperationCanceledException ? "TIMEOUT" : "CONNECTION_FAILED",
                e is OperationCanceledException ? $"{final}: the body did not arrive within {o.TotalTimeoutSeconds:0.#} s." : $"{final}: the connection failed while reading the body ({e.Message}).");
        }
        return new FetchResult(FetchStatus.Fetched, url)
        {
            FinalUrl = final,
            Body = body.ToArray(),
            MediaType = mediaType,
            Charset = headers.ContentType?.CharSet?.Trim('"', '\''),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = headers.LastModified?.ToString("r"),
        };
    }

    /// <summary>Text a press release or a feed can be: text/*, and XML, JSON or XHTML under application/.</summary>
    public static bool IsText(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType.StartsWith("application/", StringComparison.Ordinal) && (mediaType.EndsWith("xml", StringComparison.Ordinal) || mediaType.EndsWith("json", StringComparison.Ordinal));

    private FetchResult? Failure(Uri url, Exception e)
    {
        var o = options.Value;
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is ForbiddenAddressException f) return FetchResult.Refuse(url, "PRIVATE_ADDRESS", f.Message);
        return e switch
        {
            TimeoutRejectedException or OperationCanceledException => FetchResult.Fail(url, "TIMEOUT", $"{url} did not answer within {o.TimeoutSeconds:0.#} s ({o.MaxRetries + 1} attempts)."),
            BrokenCircuitException => FetchResult.Fail(url, "CIRCUIT_OPEN", $"{url.Host} failed repeatedly; requests to it are paused for {o.CircuitBreakSeconds:0.#} s."),
            HttpRequestException h => FetchResult.Fail(url, "CONNECTION_FAILED", $"{url}: {h.Message}{(h.InnerException is { } i ? " " + i.Message : "")} ({o.MaxRetries + 1} attempts)."),
            _ => null,
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } d } => d,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var w && w > TimeSpan.Zero ? w : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Refused or failed when robots.txt disallows the address or cannot be read; null when it may be fetched.</summary>
    private async Task<FetchResult?> RobotsAsync(Uri url, CancellationToken ct)
    {
        if (!robots.TryGet(url, out var rules))
        {
            // pages fetched ahead must not each ask for the same robots.txt
            await robotsGate.WaitAsync(ct);
            try
            {
                if (!robots.TryGet(url, out rules))
                {
                    var read = await ReadRobotsAsync(url, ct);
                    if (read.Failure is { } failure) return failure;
                    rules = read.Rules!;
                    robots.Set(url, rules, TimeSpan.FromMinutes(options.Value.RobotsCacheMinutes));
                }
            }
            finally { robotsGate.Release(); }
        }
        return rules.Allows(url.PathAndQuery) ? null
            : FetchResult.Refuse(url, "ROBOTS_DISALLOWED", $"{url.Authority}/robots.txt disallows {url.PathAndQuery} for {FetchOptions.RobotsToken}.");
    }

    private async Task<(RobotsTxt? Rules, FetchResult? Failure)> ReadRobotsAsync(Uri url, CancellationToken ct)
    {
        var r = await GetAsync(new Uri(url.GetLeftPart(UriPartial.Authority) + "/robots.txt"), null, checkRobots: false, ct);
        switch (r.Status)
        {
            case FetchStatus.Fetched:
                return (RobotsTxt.Parse(Encoding.UTF8.GetString(r.Body!), FetchOptions.RobotsToken), null);
            case FetchStatus.Failed when r.Code is { } c && c.StartsWith("HTTP_4", StringComparison.Ordinal):
                return (RobotsTxt.AllowAll, null); // no robots.txt (404, 410, even 401/403): nothing is disallowed (RFC 9309)
            case FetchStatus.Refused when r.Code == "PRIVATE_ADDRESS":
                return (null, r with { Url = url });
            case FetchStatus.Refused:
                return (null, r with { Url = url, Reason = $"robots.txt of {url.Host}: {r.Reason}" });
            default:
                // unreachable robots.txt means "do not crawl for now" (RFC 9309): the page is tried again later
                logger.LogWarning("robots.txt of {Host} could not be read: {Reason}", url.Authority, r.Reason);
                return (null, FetchResult.Fail(url, "ROBOTS_UNREACHABLE", $"robots.txt of {url.Authority} could not be read ({r.Reason}); the site is not fetched until it can be."));
        }
    }

    /// <summary>The body as text: the charset of the header, else of a BOM or an HTML meta tag, else UTF-8.</summary>
    public static string Decode(FetchResult r)
    {
        var body = r.Body ?? [];
        Encoding? encoding = null;
        if (r.Charset is { Length: > 0 } cs) encoding = EncodingNamed(cs);
        if (encoding is null && body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) encoding = Encoding.UTF8;
        if (encoding is null && r.MediaType is null or "text/html" or "application/xhtml+xml")
        {
            var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048));
            if (MetaCharset().Match(head) is { Success: true } m) encoding = EncodingNamed(m.Groups[1].Value);
        }
        var text = (encoding ?? Encoding.UTF8).GetString(body);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static Encoding? EncodingNamed(string name)
    {
        try { return Encoding.GetEncoding(name.Trim()); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
