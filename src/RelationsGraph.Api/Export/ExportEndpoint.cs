using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Access;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.Relations;
using RelationsGraph.Export;
using RelationsGraph.Graph;
using RelationsGraph.Model;
using RelationsGraph.Relations;
using RelationsGraph.Text;

namespace RelationsGraph.Api.Export;

/// <summary>
/// <c>GET /export?seeds=NRW&amp;seeds=Japan&amp;depth=1&amp;format=graphml</c>: the GraphQL <c>subgraph</c>
/// as a file for Gephi, Cytoscape, NetworkX, R or Neo4j, with its content type and a file name.
/// </summary>
public static class ExportEndpoint
{
    public const string TruncatedHeader = "X-RelationsGraph-Truncated";

    public static void MapExportEndpoint(this IEndpointRouteBuilder app, string path = "/export") => app.MapGet(path, HandleAsync);

    private static async Task HandleAsync(HttpContext http, IGraphStore store, IOptions<ApiLimits> limits, CancellationToken ct)
    {
        if (ApiAccess.ReadRefusal(http) is { } refusal)
        {
            ApiAccess.Challenge(http.Response);
            await Results.Problem(detail: refusal, statusCode: StatusCodes.Status401Unauthorized, title: "An API key is needed.",
                extensions: new Dictionary<string, object?> { ["code"] = ApiAccess.Unauthenticated }).ExecuteAsync(http);
            return;
        }
        var q = http.Request.Query;
        if (!ExportFormats.TryFind(q["format"].FirstOrDefault() ?? "graphml", out var writer))
        {
            await ProblemAsync(http, "BAD_FORMAT", ExportFormats.UnknownFormatMessage(Cursor.Truncate(q["format"].ToString())));
            return;
        }
        Subgraph subgraph;
        try
        {
            var request = await SubgraphArguments.ToRequestAsync(store, limits.Value, List(q["seeds"]), Int(q, "depth"), NullIfEmpty(List(q["relationTypes"])),
                Date(q, "from"), Date(q, "to"), Int(q, "maxNodes"), ct);
            subgraph = await new RelationQueries(store).SubgraphAsync(request, ct);
        }
        catch (ExecutionError e)
        {
            await ProblemAsync(http, e.Code ?? "BAD_REQUEST", e.Message);
            return;
        }
        http.Response.ContentType = writer.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(List(q["seeds"]), writer)}\"";
        http.Response.Headers[TruncatedHeader] = subgraph.Truncated ? "true" : "false";
        await writer.WriteAsync(subgraph, http.Response.Body, ct);
    }

    /// <summary>Seeds as repeated parameters, each of which may also be a comma-separated list.</summary>
    private static List<string> List(Microsoft.Extensions.Primitives.StringValues values) => SubgraphArguments.SplitList(values);

    private static List<string>? NullIfEmpty(List<string> list) => list.Count == 0 ? null : list;

    private static int? Int(IQueryCollection q, string name)
    {
        var s = q[name].FirstOrDefault();
        if (string.IsNullOrEmpty(s)) return null;
        return int.TryParse(s, out var n) ? n : throw new ExecutionError($"Parameter '{name}' must be a whole number; it was \"{Cursor.Truncate(s)}\".") { Code = "BAD_NUMBER" };
    }

    private static FuzzyDate? Date(IQueryCollection q, string name) =>
        q[name].FirstOrDefault() is { Length: > 0 } s ? Dates.Parse(s, $"Parameter '{name}'") : null;

    /// <summary>"relationsgraph-nrw-japan.graphml": the seeds as typed, slugged.</summary>
    public static string FileName(IEnumerable<string> seeds, ISubgraphWriter writer)
    {
        var slug = new string(TextFold.Slug(string.Join(" ", seeds)).Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return $"relationsgraph{(slug.Length > 0 ? "-" + slug : "")}{writer.FileExtension}";
    }

    private static Task ProblemAsync(HttpContext http, string code, string message) =>
        Results.Problem(detail: message, statusCode: StatusCodes.Status400BadRequest, title: "The export cannot be made as asked.",
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(http);
}
