using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelationsGraph.Tests.Shared;

/// <summary>
/// A real Neo4j for the tests, as Testcontainers would give one: the server named by NEO4J_URI
/// (with NEO4J_USER, NEO4J_PASSWORD; e.g. Neo4j 5 in Docker) when set, else a throwaway Neo4j 3.1.1
/// started by tests/neo4j/neo4j-server.sh on free ports with authentication on, stopped after.
/// </summary>
public sealed class Neo4jTestServer : IAsyncLifetime
{
    private string? instanceDir;

    public string Uri { get; private set; } = "";
    public string User { get; private set; } = "neo4j";
    public string Password { get; private set; } = "";
    public int HttpPort { get; private set; }

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("NEO4J_URI") is { Length: > 0 } uri)
        {
            Uri = uri;
            User = Environment.GetEnvironmentVariable("NEO4J_USER") ?? "neo4j";
            Password = Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "";
            return;
        }
        instanceDir = Path.Combine(Path.GetTempPath(), "rg-neo4j-" + Guid.NewGuid().ToString("N"));
        Password = "test-" + Guid.NewGuid().ToString("N")[..12];
        HttpPort = FreePort();
        await StartAsync();
        Uri = $"http://127.0.0.1:{HttpPort}";
    }

    private int boltPort;

    /// <summary>Starts (or restarts, keeping its data) the throwaway instance.</summary>
    public async Task StartAsync()
    {
        if (instanceDir is null) throw new InvalidOperationException("Only a throwaway instance can be started by the tests.");
        if (boltPort == 0) boltPort = FreePort();
        await Script("start", instanceDir, HttpPort.ToString(), boltPort.ToString(), Password);
    }

    /// <summary>Stops the throwaway instance (its data stays for a restart).</summary>
    public Task StopAsync() => instanceDir is null ? Task.CompletedTask : Script("stop", instanceDir);

    public bool IsThrowaway => instanceDir is not null;

    /// <summary>Deletes every node and relationship, so that a fixture starts from an empty database.</summary>
    public async Task EmptyAsync()
    {
        using var http = new RelationsGraph.Stores.Neo4j.Neo4jHttp(new RelationsGraph.Stores.Neo4j.Neo4jOptions { Uri = Uri, User = User, Password = Password },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await http.RunAsync(new RelationsGraph.Stores.Neo4j.Cypher("MATCH (n) DETACH DELETE n"), default);
    }

    public async Task DisposeAsync()
    {
        if (instanceDir is null) return;
        await StopAsync();
        try { Directory.Delete(instanceDir, recursive: true); } catch (IOException) { }
    }

    private static async Task Script(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "tests", "neo4j", "neo4j-server.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"neo4j-server.sh {args[0]} failed ({p.ExitCode}): {await stderr}{await stdout}");
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
