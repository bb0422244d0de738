using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace RelationsGraph.Ingestion.Sources;

public static class SourcesHosting
{
    /// <summary>
    /// Web sources: the polite HTTP client, the fetch state in the data directory, page ingestion and the
    /// feed poller. The worker adds <see cref="SourcesWorker"/> on top. Needs the store and the
    /// <see cref="DocumentIngestor"/> registered.
    /// </summary>
    public static IServiceCollection AddWebSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection("RelationsGraph:Fetch"))
            .Validate(o => o.TimeoutSeconds > 0 && o.TotalTimeoutSeconds > 0 && o.MaxBytes > 0 && o.MaxRedirects >= 0 && o.MaxRetries >= 0 && o.RequestsPerSecondPerHost >= 0,
                "RelationsGraph:Fetch: timeouts, MaxBytes and RequestsPerSecondPerHost must be positive (RequestsPerSecondPerHost 0 turns the limit off), MaxRetries and MaxRedirects not negative.");
        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection("RelationsGraph:Sources"))
            .Validate(o => o.Feeds.All(f => f.Name.Length > 0 && Uri.TryCreate(f.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "RelationsGraph:Sources:Feeds: every feed needs a Name and an http or https Url.")
            .Validate(o => o.Feeds.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.Feeds.Count, "RelationsGraph:Sources:Feeds: two feeds have the same Name.");
        services.AddOptions<FetchStateOptions>().Bind(configuration.GetSection("RelationsGraph:Store"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AddressPolicy(sp.GetRequiredService<IOptions<FetchOptions>>().Value.AllowedPrivateAddresses));
        services.AddSingleton<HostRateLimiter>();
        services.AddSingleton<RobotsCache>();
        services.AddSingleton<FetchLog>();
        services.AddSingleton<WebFetcher>();
        services.AddSingleton<PageIngestor>();
        services.AddSingleton<FeedPoller>();

        services.AddHttpClient(WebFetcher.ClientName, (sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline times each attempt and the whole
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", sp.GetRequiredService<IOptions<FetchOptions>>().Value.UserAgent);
                client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // followed by WebFetcher: a loop is detected, each hop checked
                UseProxy = false,          // the address check must see the real peer
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<FetchOptions>>().Value.TimeoutSeconds),
                ConnectCallback = sp.GetRequiredService<AddressPolicy>().ConnectAsync,
            })
            .AddResilienceHandler("web", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(o.TotalTimeoutSeconds));
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(o.RetryDelaySeconds),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(o.MaxRetries > 0 && ShouldRetry(args.Outcome, o)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = Math.Max(2, o.CircuitMinimumThroughput),
                    SamplingDuration = TimeSpan.FromMinutes(1),
                    BreakDuration = TimeSpan.FromSeconds(Math.Max(0.5, o.CircuitBreakSeconds)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds));
            })
            .SelectPipelineByAuthority(); // a circuit per host
        services.AddTransient<HostRateLimitHandler>();
        services.AddHttpClient(WebFetcher.ClientName).AddHttpMessageHandler<HostRateLimitHandler>(); // inside the retries: every attempt waits its turn
        return services;
    }

    /// <summary>Transient failures are retried; a refused address, an open circuit, or a Retry-After longer than the setting are not (the item is tried later).</summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, FetchOptions o)
    {
        for (var e = outcome.Exception; e is not null; e = e.InnerException)
            if (e is ForbiddenAddressException or BrokenCircuitException) return false;
        if (outcome.Result?.Headers.RetryAfter is { } ra)
        {
            var wait = ra.Delta ?? (ra.Date is { } d ? d - DateTimeOffset.UtcNow : TimeSpan.Zero);
            if (wait > TimeSpan.FromSeconds(o.MaxRetryAfterSeconds)) return false;
        }
        return HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
