using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace RelationsGraph.Api.Tests;

/// <summary>
/// The printed schema is a contract with clients: graph-schema/schema.graphql must match it.
/// After an intended change, run the tests with UPDATE_SCHEMA=1 and commit the file.
/// </summary>
public sealed class SchemaSnapshotTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public void PrintedSchemaMatchesTheCommittedSnapshot()
    {
        var schema = api.Services.GetRequiredService<ISchema>();
        var printed = schema.Print().Replace("\r\n", "\n").TrimEnd() + "\n";
        var path = Path.Combine(ApiFactory.Root, "graph-schema", "schema.graphql");
        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1") File.WriteAllText(path, printed);
        Assert.True(File.Exists(path), $"{path} is missing: run the tests with UPDATE_SCHEMA=1 to write it.");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(committed == printed, "The GraphQL schema drifted from graph-schema/schema.graphql. If the change is intended, run the tests with UPDATE_SCHEMA=1 and commit the file.");
    }
}
