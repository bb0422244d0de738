using System.Net;
using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests;

/// <summary>Per-client rate limiting of /graphql and /export: 429 with Retry-After; other clients and health checks go on.</summary>
public sealed class RateLimitingTests(RateLimitingTests.LowLimitApi api) : IClassFixture<RateLimitingTests.LowLimitApi>
{
    /// <summary>Three requests at once, then one a minute.</summary>
    public sealed class LowLimitApi : ApiFactory
    {
        public const int Burst = 3;

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("RelationsGraph:Api:RateLimit:PermitsPerMinute", "1"),
            new("RelationsGraph:Api:RateLimit:Burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    private const string Stats = "{ graphStats { documents } }";

    [Fact]
    public async Task RequestAfterTheBurstGets429WithRetryAfterAndOtherKeysGoOn()
    {
        using var writer = api.CreateClient(ApiFactory.WriterKey);
        for (var i = 0; i < LowLimitApi.Burst; i++)
            Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query = Stats }))).StatusCode);

        var refused = await writer.GetAsync("/export?seeds=NRW");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("RATE_LIMITED", body["errors"]![0]!["extensions"]!["code"].Str());
        Assert.Equal((int)retryAfter.Value.TotalSeconds, body["retryAfterSeconds"]!.GetValue<int>());
        Assert.Contains("Try again in", body["errors"]![0]!["message"].Str());

        using var other = api.CreateClient(ApiFactory.OtherKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/graphql?query=" + Uri.EscapeDataString(Stats))).StatusCode);

        // health checks are not limited
        using var anonymous = api.CreateClient();
        for (var i = 0; i < LowLimitApi.Burst + 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
