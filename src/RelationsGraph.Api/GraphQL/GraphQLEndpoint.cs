using System.Text;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Access;
using RelationsGraph.Api.Common;

namespace RelationsGraph.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP as a minimal-API route over GraphQL.NET's document executer (GraphQL.Server is
/// not available here): POST with a JSON body, GET with query parameters, GraphiQL for browsers.
/// </summary>
public static class GraphQLEndpoint
{
    private const string GraphQLResponseJson = "application/graphql-response+json";

    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder app, string path = "/graphql")
    {
        app.MapPost(path, HandlePostAsync);
        app.MapGet(path, HandleGetAsync);
        return app;
    }

    private static async Task HandlePostAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, IOptions<ApiLimits> limits)
    {
        var l = limits.Value;
        if (ApiAccess.ReadRefusal(http) is { } refusal)
        {
            await WriteUnauthenticatedAsync(http, serializer, refusal);
            return;
        }
        var contentType = http.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith("application/graphql", StringComparison.OrdinalIgnoreCase))
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status415UnsupportedMediaType,
                $"Send the GraphQL request as JSON with Content-Type: application/json (got '{contentType}').", "UNSUPPORTED_MEDIA_TYPE");
            return;
        }
        // Key holders may send documents (ingestDocument), so they get the larger limit; anyone else
        // cannot mutate and is kept to the small one.
        var maxBytes = http.Caller().HasKey ? l.MaxKeyedRequestBytes : l.MaxRequestBytes;
        var withAKey = http.Caller().HasKey || l.MaxKeyedRequestBytes == l.MaxRequestBytes ? "" : $" ({l.MaxKeyedRequestBytes} with an API key)";
        if (http.Request.ContentLength > maxBytes)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status413PayloadTooLarge, $"The request body has {http.Request.ContentLength} bytes; at most {maxBytes}{withAKey} are accepted.", "REQUEST_TOO_LARGE");
            return;
        }
        var body = await ReadLimitedAsync(http.Request.Body, maxBytes, http.RequestAborted);
        if (body is null)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes{withAKey}.", "REQUEST_TOO_LARGE");
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = contentType.StartsWith("application/graphql", StringComparison.OrdinalIgnoreCase) && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? new GraphQLRequest { Query = body }
                : serializer.Deserialize<GraphQLRequest>(body);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, $"The body is not a GraphQL request in JSON: {e.Message}", "INVALID_REQUEST");
            return;
        }
        await ExecuteAsync(http, executer, serializer, request, l, allowMutations: true);
    }

    private static async Task HandleGetAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, IOptions<ApiLimits> limits)
    {
        var query = http.Request.Query["query"].ToString();
        var accept = http.Request.Headers.Accept.ToString();
        if (query.Length == 0 && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(GraphiQL.Page(http.Request.PathBase + http.Request.Path));
            return;
        }
        if (ApiAccess.ReadRefusal(http) is { } refusal)
        {
            await WriteUnauthenticatedAsync(http, serializer, refusal);
            return;
        }
        if (query.Length == 0)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "Missing 'query' parameter: GET /graphql?query={...}, or POST a JSON body.", "INVALID_REQUEST");
            return;
        }
        GraphQLRequest request;
        try
        {
            var variables = http.Request.Query["variables"].ToString();
            request = new GraphQLRequest
            {
                Query = query,
                OperationName = http.Request.Query["operationName"].ToString() is { Length: > 0 } op ? op : null,
                Variables = variables.Length > 0 ? serializer.Deserialize<Inputs>(variables) : null,
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, $"The 'variables' parameter is not a JSON object: {e.Message}", "INVALID_REQUEST");
            return;
        }
        await ExecuteAsync(http, executer, serializer, request, limits.Value, allowMutations: false);
    }

    private static async Task ExecuteAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, GraphQLRequest? request, ApiLimits limits, bool allowMutations)
    {
        if (request?.Query is not { Length: > 0 } q)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "The request has no 'query'.", "INVALID_REQUEST");
            return;
        }
        // Parsed here (with GraphQL.NET's own builder and options) to count the fields before
        // validation; a document that does not parse goes on to the executer, which says why.
        GraphQLParser.AST.GraphQLDocument? document = null;
        try
        {
            document = http.RequestServices.GetRequiredService<global::GraphQL.Execution.IDocumentBuilder>().Build(q);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
        }
        if (document is not null && SelectionBudget.Refusal(document, limits.MaxFields) is { } tooLarge)
        {
            await WriteResultAsync(http, serializer, new ExecutionResult { Executed = false, Errors = [new ExecutionError(tooLarge) { Code = SelectionBudget.TooLarge }] });
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.ExecutionTimeoutSeconds));
        ExecutionResult result;
        using var activity = Telemetry.GraphQLTelemetry.Start(http, document, request.OperationName);
        try
        {
            result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = q,
                Document = document,
                Variables = request.Variables,
                OperationName = request.OperationName,
                Extensions = request.Extensions,
                RequestServices = http.RequestServices,
                User = http.User,
                CancellationToken = timeout.Token,
                ValidationRules = allowMutations
                    ? [.. global::GraphQL.Validation.DocumentValidator.CoreRules, new MutationsNeedAnApiKey()]
                    : [.. global::GraphQL.Validation.DocumentValidator.CoreRules, new NoMutationOverGet()],
            });
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status504GatewayTimeout,
                $"The query took longer than {limits.ExecutionTimeoutSeconds} s and was stopped. Ask for fewer items (first) or a smaller depth.", "TIMEOUT");
            return;
        }
        Telemetry.GraphQLTelemetry.Executed(activity, result);
        await WriteResultAsync(http, serializer, result);
    }

    private static async Task WriteResultAsync(HttpContext http, IGraphQLTextSerializer serializer, ExecutionResult result)
    {
        var wantsGraphQLResponse = http.Request.Headers.Accept.ToString().Contains(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase);
        http.Response.ContentType = (wantsGraphQLResponse ? GraphQLResponseJson : "application/json") + "; charset=utf-8";
        // GraphQL over HTTP: with application/json every well-formed request gets 200; with the
        // graphql-response media type, a document that fails to parse or validate gets 400.
        if (wantsGraphQLResponse && !result.Executed) http.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (result.Errors?.Any(e => e.Code == "MUTATION_OVER_GET") == true) http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        else if (result.Errors?.Any(e => e.Code == ApiAccess.Unauthenticated) == true) ApiAccess.Challenge(http.Response);
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static async Task<string?> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            int n;
            while ((n = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += n;
                if (length > maxBytes) return null;
                if (length == buffer.Length)
                {
                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteUnauthenticatedAsync(HttpContext http, IGraphQLTextSerializer serializer, string message)
    {
        await WriteErrorAsync(http, serializer, StatusCodes.Status401Unauthorized, message, ApiAccess.Unauthenticated);
    }

    private static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string message, string code)
    {
        if (status == StatusCodes.Status401Unauthorized) ApiAccess.Challenge(http.Response);
        else http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var result = new ExecutionResult { Executed = false, Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

/// <summary>GET must not change anything: mutations are refused there (GraphQL over HTTP).</summary>
internal sealed class NoMutationOverGet : global::GraphQL.Validation.ValidationRuleBase
{
    public override ValueTask<global::GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(global::GraphQL.Validation.ValidationContext context)
    {
        if (context.Operation.Operation == GraphQLParser.AST.OperationType.Mutation)
            context.ReportError(new global::GraphQL.Validation.ValidationError("Mutations are not allowed over GET; send them with POST.") { Code = "MUTATION_OVER_GET" });
        return default;
    }
}
