using System.CommandLine;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Export;
using RelationsGraph.Api.Relations;
using RelationsGraph.Export;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;

namespace RelationsGraph.Cli;

/// <summary>relationsgraph export: the same subgraph files as GET /export, from the configured store.</summary>
public static class ExportCommand
{
    public static Command Command()
    {
        var seeds = new Option<string[]>("--seeds") { Description = "Refs to start from (repeat, or separate with commas): \"NRW\", \"Japan\", an id.", Required = true, AllowMultipleArgumentsPerToken = true };
        var depth = new Option<int>("--depth") { Description = "Relationships to follow out from the seeds.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = $"One of {string.Join(", ", ExportFormats.Names)}.", DefaultValueFactory = _ => "graphml" };
        var types = new Option<string[]>("--relation-types") { Description = "Only these relationship types (default all).", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "Leave out events before this date (YYYY, YYYY-MM, YYYY-MM-DD)." };
        var to = new Option<string?>("--to") { Description = "Leave out events after this date." };
        var maxNodes = new Option<int?>("--max-nodes") { Description = "Cut the subgraph at this many nodes (default and maximum 5000)." };
        var output = new Option<string?>("--out") { Description = "File to write (default relationsgraph-<seeds>.<ext> in the current folder; - for stdout). For csv, a folder gets nodes.csv and edges.csv." };
        var cmd = new Command("export", "Write the subgraph around some nodes as GraphML, GEXF, Cytoscape JSON, CSV or a Cypher script.")
            { seeds, depth, format, types, from, to, maxNodes, output, Commands.DataOption };
        cmd.TreatUnmatchedTokensAsErrors = false;
        cmd.SetAction(async (parse, ct) =>
        {
            if (!ExportFormats.TryFind(parse.GetValue(format), out var writer))
            {
                Console.Error.WriteLine(ExportFormats.UnknownFormatMessage(parse.GetValue(format)));
                return 2;
            }
            using var host = Commands.StoreHost(parse);
            var store = host.Services.GetRequiredService<IGraphStore>();
            Subgraph subgraph;
            List<string> seedList;
            try
            {
                await store.InitializeAsync(ct);
                seedList = SubgraphArguments.SplitList(parse.GetValue(seeds)!);
                var typeList = parse.GetValue(types) is { Length: > 0 } t ? SubgraphArguments.SplitList(t) : null;
                var request = await SubgraphArguments.ToRequestAsync(store, new ApiLimits(), seedList, parse.GetValue(depth), typeList,
                    Dates.Parse(parse.GetValue(from), "--from"), Dates.Parse(parse.GetValue(to), "--to"), parse.GetValue(maxNodes), ct);
                subgraph = await new RelationQueries(store).SubgraphAsync(request, ct);
            }
            catch (ExecutionError e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            catch (StoreUnavailableException e)
            {
                Console.Error.WriteLine($"The store is unavailable: {e.Message}");
                return 3;
            }

            var path = parse.GetValue(output) ?? ExportEndpoint.FileName(seedList, writer);
            if (path == "-")
            {
                await using var stdout = Console.OpenStandardOutput();
                await writer.WriteAsync(subgraph, stdout, ct);
            }
            else if (writer is CsvWriter && (Directory.Exists(path) || path.EndsWith('/')))
            {
                Directory.CreateDirectory(path);
                await using (var nodes = File.Create(Path.Combine(path, CsvWriter.NodesFileName))) CsvWriter.WriteNodes(subgraph, nodes);
                await using (var edges = File.Create(Path.Combine(path, CsvWriter.EdgesFileName))) CsvWriter.WriteEdges(subgraph, edges);
            }
            else
            {
                await using var file = File.Create(path);
                await writer.WriteAsync(subgraph, file, ct);
            }
            Console.Error.WriteLine($"{subgraph.Nodes.Count} nodes, {subgraph.Relationships.Count} relationships{(subgraph.Truncated ? " (cut at the node limit: pass --max-nodes or fewer seeds)" : "")} → {(path == "-" ? "stdout" : path)}");
            return 0;
        });
        return cmd;
    }
}
