using System.Diagnostics;

namespace RelationsGraph.Core.Tests.Sources;

/// <summary>`relationsgraph ingest URL` and `sources status`, run as processes against a newsroom on 127.0.0.1.</summary>
public sealed class SourcesCommandTests : IAsyncLifetime
{
    private NewsroomServer server = null!;
    private readonly string work = Path.Combine(Path.GetTempPath(), "rg-srccmd-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(work);
        server = await NewsroomServer.StartAsync();
        server.Serve("/presse/gk.html", Newsroom.Page(Newsroom.Corpus("101_bayern-japan-generalkonsulin")));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = Process.Start(RelationsGraphCommand.Start(work, environment, [.. args, "--data", Path.Combine(work, "data")]))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    private static readonly Dictionary<string, string> Defaults = new() { ["RelationsGraph__Store__Kind"] = "Embedded" };

    private static readonly Dictionary<string, string> Allow127 = new(Defaults) { ["RelationsGraph__Fetch__AllowedPrivateAddresses__0"] = "127.0.0.1" };

    [Fact]
    public async Task IngestRefusesAPrivateAddressWithoutContactingIt()
    {
        var literal = await RunAsync(Defaults, "ingest", server.Url("/presse/gk.html").AbsoluteUri);
        Assert.Equal(1, literal.Exit);
        Assert.Contains("PRIVATE_ADDRESS", literal.Err);
        Assert.Contains("AllowedPrivateAddresses", literal.Err);

        // a name that resolves to a loopback address is refused when connecting, so DNS cannot smuggle it in
        var named = await RunAsync(Defaults, "ingest", $"http://localhost:{server.Base.Port}/presse/gk.html");
        Assert.Equal(1, named.Exit);
        Assert.Contains("PRIVATE_ADDRESS", named.Err);
        Assert.Empty(server.Log);

        var other = await RunAsync(Defaults, "ingest", "ftp://example.org/release.txt");
        Assert.Equal(2, other.Exit);
        Assert.Contains("not an http or https address", other.Err);
    }

    [Fact]
    public async Task IngestUrlWritesThePageAndASecondRunCostsOne304()
    {
        var url = server.Url("/presse/gk.html").AbsoluteUri;
        var first = await RunAsync(Allow127, "ingest", url);
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("1 page: 1 changes", first.Out);
        var second = await RunAsync(Allow127, "ingest", url);
        Assert.True(second.Exit == 0, second.Err);
        Assert.Contains("not modified", second.Err);
        Assert.Equal([200, 304], server.Hits("/presse/gk.html").Select(h => h.Status));

        var status = await RunAsync(Allow127, "sources", "status");
        Assert.Equal(0, status.Exit);
        var row = Assert.Single(status.Out.Split('\n'), l => l.StartsWith("ingest ", StringComparison.Ordinal));
        // SOURCE, LAST POLL, then SEEN INGESTED REJECTED FAILING WAITING
        Assert.Equal(["ingest", "-", "1", "1", "0", "0", "0"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(7));
    }
}
