using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RelationsGraph.Graph;
using RelationsGraph.Stores.Embedded;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>The conformance suite on the embedded store, on a real SQLite file in a temporary folder.</summary>
public sealed class EmbeddedGraphStoreTests : GraphStoreConformance
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rg-store-" + Guid.NewGuid().ToString("N"));

    private async Task<IGraphStore> Open()
    {
        var store = new EmbeddedGraphStore(Options.Create(new EmbeddedStoreOptions { DataDirectory = folder }), NullLogger<EmbeddedGraphStore>.Instance);
        await store.InitializeAsync(default);
        return store;
    }

    protected override Task<IGraphStore> OpenEmptyAsync() => Open();

    protected override Task<IGraphStore> ReopenAsync(IGraphStore current)
    {
        ((IDisposable)current).Dispose();
        return Open();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
