using System.Diagnostics;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests.GraphQLOverHttp;

/// <summary>
/// The node scripts beside this file (introspection.mjs, audit.mjs) over graphql-js and graphql-http,
/// which the test project's build restores from npm (package-lock.json).
/// </summary>
public static class GraphQLJs
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "RelationsGraph.Api.Tests", "GraphQLOverHttp");

    /// <summary>Runs <c>node script args</c> in <see cref="Folder"/> with <paramref name="stdin"/>; its standard output, or an exception with its errors.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "graphql-http")))
            throw new InvalidOperationException($"{Folder}/node_modules is missing: the test project's build runs `npm ci` there (it needs node and npm on the PATH).");
        var psi = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var node = Process.Start(psi) ?? throw new InvalidOperationException("node could not be started; is it on the PATH?");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        if (stdin is not null) await node.StandardInput.WriteAsync(stdin);
        node.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in time: {await errors}");
        }
        if (node.ExitCode != 0) throw new InvalidOperationException($"node {script} exited with {node.ExitCode}: {await errors}");
        return await output;
    }
}
