using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Common;

namespace RelationsGraph.Api.Access;

/// <summary>
/// Per-client rate limiting of /graphql and /export with ASP.NET Core's rate limiter: a token bucket
/// per API key name (or, without a key, per remote address). A refused request gets 429 with
/// Retry-After and a GraphQL-shaped JSON body that says when to try again.
/// </summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "api";
    public const string RateLimited = "RATE_LIMITED";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(PolicyName, http =>
        {
            var settings = http.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value.RateLimit;
            if (!settings.Enabled) return RateLimitPartition.GetNoLimiter("off");
            return RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => Bucket(settings));
        });
        o.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            var settings = http.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value.RateLimit;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Bucket(settings).ReplenishmentPeriod;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "application/json; charset=utf-8";
            var message = $"Too many requests from this client: at most {settings.PermitsPerMinute} a minute, in bursts of up to {settings.Burst}. Try again in {seconds} s.";
            await JsonSerializer.SerializeAsync(http.Response.Body, new
            {
                errors = new[] { new { message, extensions = new { code = RateLimited, retryAfterSeconds = seconds } } },
                retryAfterSeconds = seconds,
            }, cancellationToken: ct);
        };
    });

    /// <summary>The partition: a key holder by the key's name (wherever they call from), anyone else by address.</summary>
    internal static string ClientOf(HttpContext http) =>
        http.Caller().KeyName is { } name ? "key:" + name : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>
    /// PermitsPerMinute as whole tokens per period: 600 a minute is 10 every second; 1 a minute is 1 every 60 s.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(RateLimitSettings s)
    {
        var perPeriod = Math.Max(1, (int)Math.Ceiling(s.PermitsPerMinute / 60.0));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = s.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = TimeSpan.FromMinutes((double)perPeriod / s.PermitsPerMinute),
            QueueLimit = s.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }
}
