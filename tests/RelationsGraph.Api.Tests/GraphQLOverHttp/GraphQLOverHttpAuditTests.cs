using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace RelationsGraph.Api.Tests.GraphQLOverHttp;

/// <summary>
/// graphql-http's server audits (the GraphQL-over-HTTP spec authors' conformance tests), run with node
/// against the API on Kestrel: every MUST, SHOULD and MAY passes.
/// </summary>
public sealed class GraphQLOverHttpAuditTests(KestrelApi api, ITestOutputHelper output) : IClassFixture<KestrelApi>
{
    [Fact]
    public async Task EveryAuditPasses()
    {
        var report = JsonNode.Parse(await GraphQLJs.RunAsync("audit.mjs", [api.GraphQL.ToString()]))!.AsArray();
        foreach (var level in new[] { "MUST", "SHOULD", "MAY" })
        {
            var audits = report.Where(a => a!["name"]!.GetValue<string>().StartsWith(level + " ", StringComparison.Ordinal)).ToList();
            output.WriteLine($"{level}: {audits.Count(a => a!["status"]!.GetValue<string>() == "ok")}/{audits.Count}");
        }
        var failed = report.Where(a => a!["status"]!.GetValue<string>() != "ok").Select(a => a!.ToJsonString()).ToList();
        Assert.True(failed.Count == 0, "Failed audits:\n" + string.Join("\n", failed));
        // the audits that the spec's status codes rest on are there (a renamed or shrunken suite would pass vacuously)
        Assert.True(report.Count >= 61, $"only {report.Count} audits ran");
        Assert.Equal(13, report.Count(a => a!["name"]!.GetValue<string>().StartsWith("MUST ", StringComparison.Ordinal)));
    }
}
