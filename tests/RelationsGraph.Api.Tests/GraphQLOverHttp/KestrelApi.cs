using Microsoft.AspNetCore.Builder;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests.GraphQLOverHttp;

/// <summary>The API as it is served: Kestrel on a free loopback port, an in-memory store with the seeds ingested, default settings.</summary>
public sealed class KestrelApi : IAsyncLifetime
{
    private WebApplication? app;

    public Uri GraphQL { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = RelationsGraphHosting.BuildApp(
        [
            "--urls=http://127.0.0.1:0",
            "--RelationsGraph:Store:InMemory=true",
            "--RelationsGraph:Ingestion:SeedDirectory=" + Path.Combine(RepositoryRoot.Path, "seeds"),
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(); // the seeds are ingested before Kestrel takes requests
        GraphQL = new Uri(new Uri(app.Urls.Single()), "/graphql");
    }

    public async Task DisposeAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
