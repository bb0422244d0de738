using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RelationsGraph.Ingestion.Sources;

/// <summary>
/// At most <see cref="FetchOptions.RequestsPerSecondPerHost"/> requests per second to one host (a token
/// bucket per host; requests wait their turn). One for the process, shared by every HTTP handler.
/// </summary>
public sealed class HostRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public HostRateLimiter(IOptions<FetchOptions> options)
    {
        var rate = options.Value.RequestsPerSecondPerHost;
        limiter = PartitionedRateLimiter.Create<string, string>(host => rate <= 0
            ? RateLimitPartition.GetNoLimiter(host)
            : RateLimitPartition.GetTokenBucketLimiter(host, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / rate),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }), StringComparer.OrdinalIgnoreCase);
    }

    public ValueTask<RateLimitLease> AcquireAsync(Uri url, CancellationToken cancellationToken) => limiter.AcquireAsync(url.Host, 1, cancellationToken);

    public void Dispose() => limiter.Dispose();
}

/// <summary>The HTTP handler that waits for the host's turn before each attempt (retries included).</summary>
public sealed class HostRateLimitHandler(HostRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(request.RequestUri!, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
