using System.Diagnostics;
using GraphQL;
using GraphQLParser.AST;
using RelationsGraph.Telemetry;

namespace RelationsGraph.Api.Telemetry;

/// <summary>
/// A span around the execution of a GraphQL document, with its operation (name and type) and the number
/// of errors; the operation name is also kept for the request's log line (<see cref="RequestLog"/>).
/// </summary>
public static class GraphQLTelemetry
{
    private const string OperationItem = "relationsgraph.graphql.operation";

    public static Activity? Start(HttpContext http, GraphQLDocument? document, string? operationName)
    {
        var operation = document?.Definitions.OfType<GraphQLOperationDefinition>()
            .FirstOrDefault(o => operationName is null || o.Name?.StringValue == operationName);
        var name = operationName ?? operation?.Name?.StringValue;
        if (name is not null) http.Items[OperationItem] = name;
        var activity = RelationsGraphTelemetry.ActivitySource.StartActivity(name is null ? "graphql" : "graphql " + name);
        if (activity is null) return null;
        activity.SetTag("graphql.operation.name", name);
        activity.SetTag("graphql.operation.type", operation?.Operation.ToString().ToLowerInvariant());
        return activity;
    }

    public static void Executed(Activity? activity, ExecutionResult result)
    {
        if (activity is null) return;
        var errors = result.Errors?.Count ?? 0;
        activity.SetTag("graphql.errors", errors);
        if (errors > 0) activity.SetStatus(ActivityStatusCode.Error, result.Errors![0].Code);
    }

    /// <summary>The operation name of the request's GraphQL document, when it has one.</summary>
    public static string? OperationName(HttpContext http) => http.Items.TryGetValue(OperationItem, out var name) ? name as string : null;
}
