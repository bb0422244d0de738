using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Extraction;
using RelationsGraph.Graph;
using RelationsGraph.Ingestion;
using RelationsGraph.Ingestion.Sources;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Sources;

/// <summary>
/// The web sources wired as the worker wires them (AddWebSources), on an embedded store in a temporary
/// folder; 127.0.0.1 allowed, the per-host limit off and short delays unless a test sets others.
/// </summary>
public sealed class SourcesHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public string Data { get; }

    private SourcesHarness(ServiceProvider services, string data)
    {
        this.services = services;
        Data = data;
    }

    public static readonly IReadOnlyDictionary<string, string?> TestSettings = new Dictionary<string, string?>
    {
        ["RelationsGraph:Fetch:AllowedPrivateAddresses:0"] = "127.0.0.1",
        ["RelationsGraph:Fetch:RequestsPerSecondPerHost"] = "0",
        ["RelationsGraph:Fetch:RetryDelaySeconds"] = "0.05",
        ["RelationsGraph:Fetch:TimeoutSeconds"] = "5",
        ["RelationsGraph:Fetch:TotalTimeoutSeconds"] = "20",
        ["RelationsGraph:Fetch:MaxRetries"] = "2",
        ["RelationsGraph:Fetch:RetryBackoffSeconds"] = "0.2",
        ["RelationsGraph:Fetch:Contact"] = "mailto:tests@example.org",
    };

    public static async Task<SourcesHarness> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null, string? data = null)
    {
        data ??= Path.Combine(Path.GetTempPath(), "rg-sources-" + Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>(TestSettings) { ["RelationsGraph:Store:DataDirectory"] = data };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var s = new ServiceCollection();
        s.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        s.AddSingleton<EmbeddedGraphStore>(_ => new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = data }), NullLogger<EmbeddedGraphStore>.Instance));
        s.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<EmbeddedGraphStore>());
        s.AddSingleton(Gazetteer.Shared);
        s.AddSingleton<PressReleaseExtractor>();
        s.AddSingleton<GraphBuilder>();
        s.AddSingleton<DocumentIngestor>();
        s.AddWebSources(configuration);
        var provider = s.BuildServiceProvider();
        await provider.GetRequiredService<IGraphStore>().InitializeAsync(default);
        return new SourcesHarness(provider, data);
    }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public IGraphStore Store => Get<IGraphStore>();
    public FeedPoller Poller => Get<FeedPoller>();
    public FetchLog Log => Get<FetchLog>();

    public Task<PollResult> PollAsync(string name, Uri feed, string? language = null) =>
        Poller.PollAsync(new FeedSource { Name = name, Url = feed.AbsoluteUri, Language = language }, null, default);

    /// <summary>The document a page URL became, if any.</summary>
    public async Task<RelationsGraph.Model.Document?> DocumentAsync(Uri page) =>
        (await Store.GetNodesAsync([GraphIds.Document(page.AbsoluteUri, null, "")], default)).OfType<RelationsGraph.Model.Document>().FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        try { Directory.Delete(Data, recursive: true); } catch (IOException) { }
    }
}
