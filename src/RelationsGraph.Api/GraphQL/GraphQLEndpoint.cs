using System.Text;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using RelationsGraph.Api.Access;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.GraphiQL;

namespace RelationsGraph.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP specification) as a minimal-API route over GraphQL.NET's
/// document executer (GraphQL.Server is not available here): POST with a JSON body, GET with query
/// parameters, GraphiQL for browsers.
/// <para>
/// Status codes: a request that is not a GraphQL request (bad JSON, no query string, variables that
/// are not an object) gets 400; a document that does not parse or validate, or whose variables do not
/// fit, gets 200 with <c>application/json</c> and 400 with <c>application/graphql-response+json</c>;
/// an executed operation gets 200, field errors or not. Every answer is a GraphQL response with a code
/// in each error's extensions.
/// </para>
/// </summary>
public static class GraphQLEndpoint
{
    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder app, string path = "/graphql")
    {
        app.MapPost(path, HandlePostAsync);
        app.MapGet(path, HandleGetAsync);
        return app;
    }

    private static async Task HandlePostAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, IOptions<ApiLimits> limits)
    {
        var l = limits.Value;
        if (await Reply.StartAsync(http, serializer) is not { } reply) return;
        if (ApiAccess.ReadRefusal(http) is { } refusal)
        {
            await reply.ErrorAsync(StatusCodes.Status401Unauthorized, refusal, ApiAccess.Unauthenticated);
            return;
        }
        if (MediaTypes.RequestBodyOf(http.Request.ContentType) is not { } bodyKind)
        {
            await reply.ErrorAsync(StatusCodes.Status415UnsupportedMediaType,
                $"Send the GraphQL request as JSON in UTF-8 with Content-Type: application/json (got '{http.Request.ContentType}').", "UNSUPPORTED_MEDIA_TYPE");
            return;
        }
        // Key holders may send documents (ingestDocument), so they get the larger limit; anyone else
        // cannot mutate and is kept to the small one.
        var maxBytes = http.Caller().HasKey ? l.MaxKeyedRequestBytes : l.MaxRequestBytes;
        var withAKey = http.Caller().HasKey || l.MaxKeyedRequestBytes == l.MaxRequestBytes ? "" : $" ({l.MaxKeyedRequestBytes} with an API key)";
        if (http.Request.ContentLength > maxBytes)
        {
            await reply.ErrorAsync(StatusCodes.Status413PayloadTooLarge, $"The request body has {http.Request.ContentLength} bytes; at most {maxBytes}{withAKey} are accepted.", "REQUEST_TOO_LARGE");
            return;
        }
        var body = await ReadLimitedAsync(http.Request.Body, maxBytes, http.RequestAborted);
        if (body is null)
        {
            await reply.ErrorAsync(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes{withAKey}.", "REQUEST_TOO_LARGE");
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = bodyKind == RequestBody.Document ? new GraphQLRequest { Query = body } : serializer.Deserialize<GraphQLRequest>(body);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // whatever the deserializer throws on this body (bad JSON, a number for 'query', an array for
            // 'variables', numbers out of range) is the body's fault
            await reply.ErrorAsync(StatusCodes.Status400BadRequest, $"The body is not a GraphQL request in JSON ({{\"query\": \"...\", \"variables\": {{...}}}}): {e.Message}", "INVALID_REQUEST");
            return;
        }
        await ExecuteAsync(http, reply, executer, request, l, allowMutations: true);
    }

    private static async Task HandleGetAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, IOptions<ApiLimits> limits)
    {
        var parameters = http.Request.Query;
        var accept = http.Request.Headers.Accept.ToString();
        if (parameters["query"].Count == 0 && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            await GraphiQLPage.WriteAsync(http);
            return;
        }
        if (await Reply.StartAsync(http, serializer) is not { } reply) return;
        if (ApiAccess.ReadRefusal(http) is { } refusal)
        {
            await reply.ErrorAsync(StatusCodes.Status401Unauthorized, refusal, ApiAccess.Unauthenticated);
            return;
        }
        if (parameters["query"].Count != 1 || parameters["operationName"].Count > 1 || parameters["variables"].Count > 1 || parameters["extensions"].Count > 1)
        {
            await reply.ErrorAsync(StatusCodes.Status400BadRequest,
                "Send one 'query' parameter (and at most one 'operationName', 'variables' and 'extensions'): GET /graphql?query={...}, or POST a JSON body.", "INVALID_REQUEST");
            return;
        }
        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest
            {
                Query = parameters["query"].ToString(),
                // the empty string is no operation name (GraphQL over HTTP, GET)
                OperationName = parameters["operationName"].ToString() is { Length: > 0 } op ? op : null,
                Variables = JsonObjectParameter(serializer, parameters["variables"].ToString()) is { } v ? new Inputs(v) : null,
                Extensions = JsonObjectParameter(serializer, parameters["extensions"].ToString()) is { } x ? new Inputs(x) : null,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await reply.ErrorAsync(StatusCodes.Status400BadRequest, $"The 'variables' and 'extensions' parameters must be JSON objects: {e.Message}", "INVALID_REQUEST");
            return;
        }
        await ExecuteAsync(http, reply, executer, request, limits.Value, allowMutations: false);
    }

    private static Dictionary<string, object?>? JsonObjectParameter(IGraphQLTextSerializer serializer, string json) =>
        json.Length == 0 ? null : serializer.Deserialize<Inputs>(json) is { } inputs ? new Dictionary<string, object?>(inputs) : null;

    private static async Task ExecuteAsync(HttpContext http, Reply reply, IDocumentExecuter<ISchema> executer, GraphQLRequest? request, ApiLimits limits, bool allowMutations)
    {
        if (request?.Query is not { } q)
        {
            await reply.ErrorAsync(StatusCodes.Status400BadRequest, "The request has no 'query': send the GraphQL document as a string in 'query'.", "INVALID_REQUEST");
            return;
        }
        // Parsed once, here, with GraphQL.NET's own builder and options: to count the fields before
        // validation, and so that a document that does not parse is a GraphQL error, not an exception.
        GraphQLDocument document;
        try
        {
            document = http.RequestServices.GetRequiredService<IDocumentBuilder>().Build(q);
        }
        catch (SyntaxError e)
        {
            await reply.ResultAsync(new ExecutionResult { Errors = [e] });
            return;
        }
        catch (GraphQLParserException e)
        {
            // the parser's own limits (nesting): the document does not parse as sent
            await reply.ResultAsync(new ExecutionResult { Errors = [new ExecutionError($"The document could not be parsed: {e.Message}") { Code = "SYNTAX_ERROR" }] });
            return;
        }
        catch (IndexOutOfRangeException)
        {
            // GraphQLParser fails this way while it words the syntax error of some documents (a location its
            // highlight of the source cannot reach): the document does not parse, which is the client's to fix
            await reply.ResultAsync(new ExecutionResult { Errors = [new ExecutionError("The document could not be parsed: it is not a GraphQL document.") { Code = "SYNTAX_ERROR" }] });
            return;
        }
        if (SelectionBudget.Refusal(document, limits.MaxFields) is { } tooLarge)
        {
            await reply.ResultAsync(new ExecutionResult { Errors = [new ExecutionError(tooLarge) { Code = SelectionBudget.TooLarge }] });
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
                    ? [OperationTypeIsServed.Instance, .. global::GraphQL.Validation.DocumentValidator.CoreRules, new MutationsNeedAnApiKey()]
                    : [OperationTypeIsServed.Instance, .. global::GraphQL.Validation.DocumentValidator.CoreRules, new NoMutationOverGet()],
            });
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            await reply.ErrorAsync(StatusCodes.Status504GatewayTimeout,
                $"The query took longer than {limits.ExecutionTimeoutSeconds} s and was stopped. Ask for fewer items (first) or a smaller depth.", "TIMEOUT");
            return;
        }
        Telemetry.GraphQLTelemetry.Executed(activity, result);
        await reply.ResultAsync(result);
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
            // a byte order mark is not JSON, but parsers may ignore it (RFC 8259), and some clients send one
            var bom = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(buffer, bom, length - bom);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The answer to one request, in the media type the client accepts.</summary>
    private sealed class Reply(HttpContext http, IGraphQLTextSerializer serializer, ResponseMediaType mediaType)
    {
        /// <summary>The reply, or null when the client accepts no media type this endpoint writes (then it has had its 406).</summary>
        public static async Task<Reply?> StartAsync(HttpContext http, IGraphQLTextSerializer serializer)
        {
            if (MediaTypes.Negotiate(http.Request.Headers.Accept) is { } mediaType) return new Reply(http, serializer, mediaType);
            await new Reply(http, serializer, ResponseMediaType.Json).ErrorAsync(StatusCodes.Status406NotAcceptable,
                $"The Accept header ('{http.Request.Headers.Accept}') names no media type this endpoint writes: accept {MediaTypes.GraphQLResponseJson} or application/json.", "NOT_ACCEPTABLE");
            return null;
        }

        public Task ErrorAsync(int status, string message, string code) =>
            WriteAsync(status, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] });

        public Task ResultAsync(ExecutionResult result) => WriteAsync(StatusOf(result), result);

        /// <summary>GraphQL over HTTP, Status Codes; GET mutations are 405 there too, and refused keys 401.</summary>
        private int StatusOf(ExecutionResult result)
        {
            var errors = result.Errors ?? [];
            if (errors.Any(e => e.Code == NoMutationOverGet.Code)) return StatusCodes.Status405MethodNotAllowed;
            if (errors.Any(e => e.Code == ApiAccess.Unauthenticated)) return StatusCodes.Status401Unauthorized;
            if (result.Executed) return StatusCodes.Status200OK;
            // not executed: the document did not parse or validate, the operation could not be chosen or
            // the variables did not fit; or something failed on our side before execution
            if (errors.Any(e => e is UnhandledError)) return StatusCodes.Status500InternalServerError;
            return mediaType == ResponseMediaType.GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        }

        private async Task WriteAsync(int status, ExecutionResult result)
        {
            if (status == StatusCodes.Status401Unauthorized) ApiAccess.Challenge(http.Response);
            else http.Response.StatusCode = status;
            if (status == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "POST";
            http.Response.ContentType = MediaTypes.ContentType(mediaType);
            await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        }
    }
}

/// <summary>GET must not change anything: mutations are refused there (GraphQL over HTTP).</summary>
internal sealed class NoMutationOverGet : global::GraphQL.Validation.ValidationRuleBase
{
    public const string Code = "MUTATION_OVER_GET";

    public override ValueTask<global::GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(global::GraphQL.Validation.ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Mutation)
            context.ReportError(new global::GraphQL.Validation.ValidationError("Mutations are not allowed over GET; send them with POST.") { Code = Code });
        return default;
    }
}

/// <summary>
/// A subscription (this schema has none) is a request error, reported during validation: GraphQL.NET
/// would otherwise reach its complexity analysis with it, which throws.
/// </summary>
internal sealed class OperationTypeIsServed : global::GraphQL.Validation.ValidationRuleBase
{
    public static readonly OperationTypeIsServed Instance = new();

    public override ValueTask<global::GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(global::GraphQL.Validation.ValidationContext context)
    {
        var served = context.Operation.Operation switch
        {
            OperationType.Query => context.Schema.Query is not null,
            OperationType.Mutation => context.Schema.Mutation is not null,
            _ => context.Schema.Subscription is not null,
        };
        if (!served)
            context.ReportError(new global::GraphQL.Validation.ValidationError(
                $"This endpoint has no {context.Operation.Operation.ToString().ToLowerInvariant()} operations; send a query (or a mutation).")
            { Code = "UNSUPPORTED_OPERATION" });
        return default;
    }
}
