namespace RelationsGraph.Api.Telemetry;

/// <summary>Metrics and traces. Section <c>RelationsGraph:Telemetry</c>; OTLP is set with the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public MetricsSettings Metrics { get; set; } = new();
}

/// <summary>The Prometheus scrape endpoint. Section <c>RelationsGraph:Telemetry:Metrics</c>.</summary>
public sealed class MetricsSettings
{
    /// <summary>Whether <see cref="Path"/> answers at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The scrape path.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// A port of its own for the scrape endpoint (on the host of the API's first address), where only
    /// <see cref="Path"/> answers and the API does not; empty: on the API's own address.
    /// </summary>
    public int? Port { get; set; }
}
