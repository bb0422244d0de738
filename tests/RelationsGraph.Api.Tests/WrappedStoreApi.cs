using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Graph;
using RelationsGraph.Stores.Embedded;
using RelationsGraph.Stores.Neo4j;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests;

/// <summary>The API on the embedded store (the seeds ingested at start), its store wrapped by <typeparamref name="TStore"/> to count or log the calls made of it.</summary>
public abstract class EmbeddedWrappedStoreApi<TStore>(Func<EmbeddedGraphStore, TStore> wrap) : ApiFactory where TStore : class, IGraphStore
{
    public TStore Store { get; private set; } = null!;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<EmbeddedGraphStore>();
            services.AddSingleton<IGraphStore>(sp => Store = wrap(sp.GetRequiredService<EmbeddedGraphStore>()));
        });
    }
}

/// <summary>
/// The API over HTTP on a real throwaway Neo4j (emptied, then the seeds ingested at start), its store
/// wrapped by <typeparamref name="TStore"/> to count or log the calls made of it: what the tests of
/// store calls per request run on Neo4j.
/// </summary>
public abstract class Neo4jWrappedStoreApi<TStore>(Func<Neo4jGraphStore, TStore> wrap) : IAsyncLifetime where TStore : class, IGraphStore
{
    private readonly Neo4jTestServer server = new();
    private Factory factory = null!;

    public TStore Store => factory.Store;

    public Task<(System.Net.HttpStatusCode Status, JsonObject Body)> PostAsync(string query, object? variables = null, string? key = null) =>
        factory.PostAsync(query, variables, key);

    public async Task InitializeAsync()
    {
        await server.InitializeAsync();
        await server.EmptyAsync();
        factory = new Factory(server, wrap);
        factory.CreateClient().Dispose(); // start the host: schema and seeds go in now
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await server.DisposeAsync();
    }

    private sealed class Factory(Neo4jTestServer server, Func<Neo4jGraphStore, TStore> wrap) : Neo4jApi.Neo4jApiFactory(server)
    {
        public TStore Store { get; private set; } = null!;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddSingleton<IGraphStore>(sp => Store = wrap(sp.GetRequiredService<Neo4jGraphStore>())));
        }
    }
}
