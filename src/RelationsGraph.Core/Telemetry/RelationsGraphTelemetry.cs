using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RelationsGraph.Telemetry;

/// <summary>
/// The service's own traces and metrics, under one name (<see cref="Name"/>) that the hosts hand to
/// OpenTelemetry. Static, as the runtime's own sources are: an instrument nobody listens to costs a
/// branch, so the domain records unconditionally and the host decides what is exported.
/// </summary>
public static class RelationsGraphTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "RelationsGraph";

    // from 0.1 ms (an embedded store read) to 10 s (a timed-out query)
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Documents through the ingestion pipeline, by outcome: added, updated, unchanged, rejected.</summary>
    public static readonly Counter<long> Documents = Meter.CreateCounter<long>(
        "relationsgraph.documents", "{document}", "Documents through the ingestion pipeline, by outcome (added, updated, unchanged, rejected).");

    /// <summary>Time to extract one document and build its graph delta (no store calls).</summary>
    public static readonly Histogram<double> ExtractionDuration = Meter.CreateHistogram<double>(
        "relationsgraph.extraction.duration", "s", "Time to extract one document and build its graph delta.", advice: Seconds);

    /// <summary>Time of one call of the store port, by operation and store kind.</summary>
    public static readonly Histogram<double> StoreDuration = Meter.CreateHistogram<double>(
        "relationsgraph.store.duration", "s", "Time of one call of the store port, by operation and store kind.", advice: Seconds);

    /// <summary>Documents written per store transaction by the worker.</summary>
    public static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>(
        "relationsgraph.worker.batch.size", "{document}", "Documents the worker wrote in one store write (one transaction on Neo4j).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });

    private static readonly ConcurrentDictionary<string, Func<long>> Inboxes = new(StringComparer.Ordinal);

    static RelationsGraphTelemetry() =>
        Meter.CreateObservableGauge("relationsgraph.inbox.backlog",
            () => Inboxes.Select(i => new Measurement<long>(i.Value(), new KeyValuePair<string, object?>("inbox", i.Key))),
            "{document}", "Documents in the worker's inbox that are not yet ingested (new or changed since the last look).");

    /// <summary>Reports an inbox's backlog through the gauge until the returned handle is disposed.</summary>
    public static IDisposable WatchInbox(string inbox, Func<long> backlog)
    {
        Inboxes[inbox] = backlog;
        return new Unwatch(inbox);
    }

    private sealed class Unwatch(string inbox) : IDisposable
    {
        public void Dispose() => Inboxes.TryRemove(inbox, out _);
    }

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
