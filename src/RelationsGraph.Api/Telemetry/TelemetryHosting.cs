using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RelationsGraph.Api.Access;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Api.Telemetry;

/// <summary>
/// OpenTelemetry for the API and the worker: the service's own meter and spans
/// (<see cref="RelationsGraphTelemetry"/>), ASP.NET Core, HttpClient (Neo4j's HTTP API) and the runtime.
/// Metrics are scraped at <c>/metrics</c> (Prometheus text); everything goes to an OTLP collector when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without a collector no tracer is registered, so spans
/// cost nothing.
/// </summary>
public static partial class TelemetryHosting
{
    /// <summary>
    /// Log levels that apply unless appsettings, the environment or the command line say otherwise
    /// (they are the lowest configuration source): ASP.NET Core's per-request Information lines
    /// (hosting diagnostics, routing, endpoint execution) and HttpClient's are off.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> LoggingDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static IHostApplicationBuilder AddRelationsGraphTelemetry(this IHostApplicationBuilder builder, string serviceName, bool serveMetrics)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration("RelationsGraph:Telemetry")
            .Validate(o => o.Metrics.Path.StartsWith('/'), "RelationsGraph:Telemetry:Metrics:Path must start with '/'.")
            .Validate(o => o.Metrics.Port is null or (> 0 and < 65536), "RelationsGraph:Telemetry:Metrics:Port must be a TCP port (1-65535), or empty for the API's own address.")
            .ValidateOnStart();
        var metrics = serveMetrics && builder.Configuration.GetValue("RelationsGraph:Telemetry:Metrics:Enabled", true);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!metrics && !otlp) return builder;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(RelationsGraphTelemetry.Name).AddRuntimeInstrumentation().AddHttpClientInstrumentation();
                if (serveMetrics) m.AddAspNetCoreInstrumentation();
                // every scrape sees the counts of that moment
                if (metrics) m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            });
        if (otlp)
        {
            otel.WithTracing(t =>
            {
                t.AddSource(RelationsGraphTelemetry.Name).AddHttpClientInstrumentation();
                if (serveMetrics) t.AddAspNetCoreInstrumentation();
            });
            otel.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// With <c>Telemetry:Metrics:Port</c> set, the API also listens on that port, on the host of its first
    /// address, for the scrape endpoint alone. Call after the API's addresses are settled.
    /// </summary>
    public static void ListenForMetrics(WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RelationsGraph:Telemetry:Metrics").Get<MetricsSettings>() ?? new();
        if (!settings.Enabled || settings.Port is not { } port) return;
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls)) return;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var host = SchemeAndHost().Match(first);
        builder.WebHost.UseUrls($"{urls};{(host.Success ? host.Value : "http://127.0.0.1")}:{port}");
    }

    [GeneratedRegex(@"^https?://(\[[^\]]+\]|[^:/]+)")]
    private static partial Regex SchemeAndHost();

    /// <summary>
    /// The scrape endpoint, with the API's read rule: where reads need an API key
    /// (<c>Access:RequireKeyForReads</c>), so does <c>/metrics</c>. On a port of its own nothing else answers there.
    /// </summary>
    public static WebApplication MapRelationsGraphMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics;
        if (!settings.Enabled || app.Services.GetService<MeterProvider>() is null) return app;
        app.Use(async (http, next) =>
        {
            var isMetrics = http.Request.Path.Equals(settings.Path, StringComparison.OrdinalIgnoreCase);
            if (settings.Port is { } port && (http.Connection.LocalPort == port) != isMetrics)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (isMetrics && ApiAccess.ReadRefusal(http) is { } refusal)
            {
                ApiAccess.Challenge(http.Response);
                http.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(http.Response.Body, new { errors = new[] { new { message = refusal, extensions = new { code = ApiAccess.Unauthenticated } } } });
                return;
            }
            await next(http);
        });
        app.MapPrometheusScrapingEndpoint(settings.Path);
        return app;
    }
}
