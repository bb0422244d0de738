using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelationsGraph.Core.Tests.Ingestion;

/// <summary>
/// Configuration as documented: an option given on the command line wins; one not given leaves the
/// environment (and appsettings) in charge. Runs serve, ingest and worker as their own processes.
/// </summary>
public sealed class CommandLineConfigurationTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("rg-config-").FullName;

    private Dictionary<string, string> Environment => new() { ["RelationsGraph__Store__DataDirectory"] = Path.Combine(work, "env-store") };

    private string StoreFile(string folder) => Path.Combine(work, folder, "relationsgraph.db");

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task IngestWritesIntoTheEnvironmentsDataDirectoryGivenNoDataOption()
    {
        var exit = await RunToEndAsync(RelationsGraphCommand.Start(work, Environment, "ingest", RepositoryPaths.SeedFile));
        Assert.Equal(0, exit);
        Assert.True(File.Exists(StoreFile("env-store")), "the store should be where RelationsGraph__Store__DataDirectory says");
        Assert.False(Directory.Exists(Path.Combine(work, "data")), "no 'data' folder should be made when the option is not given");
    }

    [Fact]
    public async Task IngestWritesWhereTheDataOptionSaysGivenBothOptionAndEnvironment()
    {
        var exit = await RunToEndAsync(RelationsGraphCommand.Start(work, Environment, "ingest", RepositoryPaths.SeedFile, "--data", Path.Combine(work, "cli-store")));
        Assert.Equal(0, exit);
        Assert.True(File.Exists(StoreFile("cli-store")));
        Assert.False(Directory.Exists(Path.Combine(work, "env-store")));
    }

    [Fact]
    public async Task WorkerWritesIntoTheEnvironmentsDataDirectoryGivenNoDataOption()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(work, "inbox")).FullName;
        File.Copy(RepositoryPaths.SeedFile, Path.Combine(inbox, "release.txt"));
        await RunUntilAsync(RelationsGraphCommand.Start(work, Environment, "worker", "--inbox", inbox, "--poll", "0.2"), output => output.Contains("release.txt: Added", StringComparison.Ordinal));
        Assert.True(File.Exists(StoreFile("env-store")));
        Assert.False(Directory.Exists(Path.Combine(work, "data")));
    }

    [Fact]
    public async Task ServeUsesTheEnvironmentsDataDirectoryGivenNoDataOption()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = false;
        await RunUntilAsync(RelationsGraphCommand.Start(work, Environment, "serve", "--urls", url), _ =>
        {
            try { ready = http.GetAsync($"{url}/health/ready").Result.StatusCode == HttpStatusCode.OK; }
            catch (AggregateException) { ready = false; }
            return ready;
        });
        Assert.True(File.Exists(StoreFile("env-store")));
        Assert.False(Directory.Exists(Path.Combine(work, "data")));
    }

    private static async Task<int> RunToEndAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await output);
        return process.ExitCode;
    }

    /// <summary>Runs a long-lived command until <paramref name="done"/> holds for what it has printed so far, then stops it.</summary>
    private static async Task RunUntilAsync(ProcessStartInfo start, Func<string, bool> done)
    {
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        void Append(object _, DataReceivedEventArgs e) { if (e.Data is { } line) lock (output) output.AppendLine(line); }
        process.ErrorDataReceived += Append;
        process.OutputDataReceived += Append;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        string Printed() { lock (output) return output.ToString(); }
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!done(Printed()) && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(200);
            if (process.HasExited) Assert.Fail($"the command ended by itself with exit code {process.ExitCode}:\n{Printed()}");
            Assert.True(done(Printed()), $"the command did not get there in 2 minutes:\n{Printed()}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
