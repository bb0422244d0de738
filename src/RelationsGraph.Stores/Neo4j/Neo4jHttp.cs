using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using RelationsGraph.Graph;

namespace RelationsGraph.Stores.Neo4j;

/// <summary>A Cypher statement with its parameters: statements are constant text; every value is a parameter.</summary>
public sealed record Cypher(string Statement, object? Parameters = null);

/// <summary>An error Neo4j reported for a statement (Neo.ClientError.*): the caller's to fix, not retried.</summary>
public sealed class Neo4jClientException(string code, string message) : Exception($"Neo4j refused the request: {code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>Neo4j could not be reached or reported a transient error, after the retries.</summary>
public sealed class Neo4jUnavailableException(string message, Exception? inner = null) : StoreUnavailableException(message, inner);

/// <summary>Which HTTP endpoint and which schema dialect a server speaks, from its discovery document.</summary>
public sealed record Neo4jDialect(int MajorVersion, string Version, Uri CommitEndpoint)
{
    /// <summary>3.x: /db/data/transaction/commit; 4.x and 5.x: /db/{database}/tx/commit.</summary>
    public static Neo4jDialect FromDiscovery(Uri server, JsonObject root, JsonObject? dataDocument, string database)
    {
        if (root["transaction"]?.GetValue<string>() is { } tx)
        {
            var version = root["neo4j_version"]?.GetValue<string>() ?? "5";
            var endpoint = tx.Replace("{databaseName}", Uri.EscapeDataString(database), StringComparison.Ordinal).TrimEnd('/') + "/commit";
            return new Neo4jDialect(Major(version), version, Rebase(server, endpoint));
        }
        if (root["data"]?.GetValue<string>() is { } data)
        {
            var version = dataDocument?["neo4j_version"]?.GetValue<string>() ?? "3";
            return new Neo4jDialect(Major(version), version, Rebase(server, data.TrimEnd('/') + "/transaction/commit"));
        }
        throw new Neo4jUnavailableException($"{server} does not look like Neo4j's HTTP API: its discovery document has neither 'transaction' (4.x, 5.x) nor 'data' (3.x).");
    }

    /// <summary>The schema file of this server's dialect: 3.x syntax, or the 4.4/5.x syntax with IF NOT EXISTS.</summary>
    public string SchemaResource => MajorVersion <= 3 ? "Neo4jSchema.schema-3.cypher" : "Neo4jSchema.schema-5.cypher";

    private static int Major(string version) => int.TryParse(version.Split('.')[0], out var m) ? m : 5;

    // Behind a proxy or in Docker the server names its own host; keep the scheme, host and port the client uses.
    private static Uri Rebase(Uri server, string advertised)
    {
        var path = Uri.TryCreate(advertised, UriKind.Absolute, out var abs) ? abs.AbsolutePath : advertised;
        return new Uri(server, path);
    }
}

/// <summary>
/// Neo4j's HTTP transactional Cypher endpoint: every call is one request and one transaction
/// (all statements commit or none), retried on transient failures behind a circuit breaker.
/// </summary>
public sealed class Neo4jHttp : IDisposable
{
    private readonly HttpClient http;
    private readonly Neo4jOptions options;
    private readonly ILogger logger;
    private readonly ResiliencePipeline pipeline;
    private Neo4jDialect? dialect;

    public Neo4jHttp(Neo4jOptions options, ILogger logger, HttpMessageHandler? handler = null)
    {
        this.options = options;
        this.logger = logger;
        if (!System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"RelationsGraph:Store:Neo4j:Uri must be the server's HTTP address such as http://localhost:7474 (got '{options.Uri}').");
        http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = uri;
        http.Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var builder = new ResiliencePipelineBuilder();
        // MaxRetries 0: a failure is reported at once (Polly's retry needs at least one attempt)
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jUnavailableException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = a =>
                {
                    logger.LogWarning("Neo4j unavailable ({Reason}); retry {Attempt} in {Delay}", a.Outcome.Exception?.Message, a.AttemptNumber + 1, a.RetryDelay);
                    return default;
                },
            });
        pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jUnavailableException>(),
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.BreakAfterFailures),
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
                OnOpened = a =>
                {
                    logger.LogError("Neo4j circuit opened for {Duration}: calls fail fast until it is back", a.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("Neo4j is back: circuit closed");
                    return default;
                },
            })
            .Build();
    }

    public Uri Server => http.BaseAddress!;

    public async Task<Neo4jDialect> DialectAsync(CancellationToken ct)
    {
        if (dialect is not null) return dialect;
        dialect = await ResilientAsync(async token =>
        {
            var root = await GetJsonAsync("/", token) ?? throw new Neo4jUnavailableException($"{Server} answered / with no JSON.");
            JsonObject? data = null;
            if (root["data"] is not null && root["transaction"] is null) data = await GetJsonAsync("/db/data/", token);
            return Neo4jDialect.FromDiscovery(Server, root, data, options.Database);
        }, ct);
        logger.LogInformation("Neo4j {Version} at {Server}: Cypher over {Endpoint}", dialect.Version, Server, dialect.CommitEndpoint.AbsolutePath);
        return dialect;
    }

    private async Task<JsonObject?> GetJsonAsync(string path, CancellationToken ct)
    {
        HttpResponseMessage response;
        try { response = await http.GetAsync(path, ct); }
        catch (HttpRequestException e) { throw new Neo4jUnavailableException($"Neo4j at {Server} is not reachable: {e.Message}", e); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { throw new Neo4jUnavailableException($"Neo4j at {Server} did not answer in time.", e); }
        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                throw new Neo4jClientException("Neo.ClientError.Security.Unauthorized", $"user '{options.User}' was not accepted by {Server}; check RelationsGraph:Store:Neo4j:User and Password.");
            if ((int)response.StatusCode >= 500) throw new Neo4jUnavailableException($"Neo4j at {Server} answered {(int)response.StatusCode}.");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject;
        }
    }

    /// <summary>Runs statements in one transaction and returns each statement's rows (each row an array of column values).</summary>
    public Task<IReadOnlyList<IReadOnlyList<JsonArray>>> RunAsync(IReadOnlyList<Cypher> statements, CancellationToken ct) =>
        ResilientAsync(token => RunOnceAsync(statements, token), ct);

    public async Task<IReadOnlyList<JsonArray>> RunAsync(Cypher statement, CancellationToken ct) => (await RunAsync([statement], ct))[0];

    private async Task<T> ResilientAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token => await action(token), ct);
        }
        catch (BrokenCircuitException e)
        {
            throw new Neo4jUnavailableException($"Neo4j at {Server} is failing; calls are paused for up to {options.BreakSeconds} s (circuit open).", e);
        }
    }

    private async Task<IReadOnlyList<IReadOnlyList<JsonArray>>> RunOnceAsync(IReadOnlyList<Cypher> statements, CancellationToken ct)
    {
        var d = await DialectAsync(ct);
        return (await PostAsync(d.CommitEndpoint, statements, ct)).Results;
    }

    /// <summary>
    /// Runs <paramref name="first"/>, then what <paramref name="then"/> makes of its answers, in one
    /// transaction (two requests: the second commits); returns the answers of both. For a write whose
    /// statements depend on what the database holds: it is planned from what it reads in its own transaction.
    /// Retried whole on transient failures; a transaction left open by a failure is rolled back.
    /// </summary>
    public Task<(IReadOnlyList<IReadOnlyList<JsonArray>> First, IReadOnlyList<IReadOnlyList<JsonArray>> Then)> RunAsync(
        IReadOnlyList<Cypher> first, Func<IReadOnlyList<IReadOnlyList<JsonArray>>, IReadOnlyList<Cypher>> then, CancellationToken ct) =>
        ResilientAsync(async token =>
        {
            var d = await DialectAsync(token);
            // 3.x: .../transaction/commit; 4.x and 5.x: .../tx/commit: the transaction is opened at the same path without /commit
            var begin = new Uri(d.CommitEndpoint.AbsoluteUri[..^"/commit".Length]);
            var opened = await PostAsync(begin, first, token);
            var commit = opened.Root["commit"]?.GetValue<string>() is { } c && Uri.TryCreate(c, UriKind.Absolute, out var abs)
                ? new Uri(Server, abs.AbsolutePath)
                : throw new Neo4jUnavailableException($"Neo4j at {Server} opened a transaction without saying where to commit it.");
            try
            {
                var planned = then(opened.Results);
                return (opened.Results, (await PostAsync(commit, planned, token)).Results);
            }
            catch
            {
                // Neo4j rolls back a transaction whose statement failed; one left open (a failure here, or the
                // connection lost) would hold its locks until it times out, so it is rolled back now
                await RollBackAsync(new Uri(commit.AbsoluteUri[..^"/commit".Length]));
                throw;
            }
        }, ct);

    private async Task RollBackAsync(Uri transaction)
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var _ = await http.DeleteAsync(transaction, cancel.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug("Rolling back {Transaction} failed ({Reason}); Neo4j ends it when it times out", transaction, e.Message);
        }
    }

    private async Task<(IReadOnlyList<IReadOnlyList<JsonArray>> Results, JsonObject Root)> PostAsync(Uri endpoint, IReadOnlyList<Cypher> statements, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["statements"] = new JsonArray(statements.Select(s => (JsonNode)new JsonObject
            {
                ["statement"] = s.Statement,
                ["parameters"] = s.Parameters is null ? new JsonObject() : JsonSerializer.SerializeToNode(s.Parameters, JsonOptions),
                ["resultDataContents"] = new JsonArray("row"),
            }).ToArray()),
        };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(endpoint, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        }
        catch (HttpRequestException e) { throw new Neo4jUnavailableException($"Neo4j at {Server} is not reachable: {e.Message}", e); }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested) { throw new Neo4jUnavailableException($"Neo4j at {Server} did not answer within {options.RequestTimeoutSeconds} s.", e); }
        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                throw new Neo4jClientException("Neo.ClientError.Security.Unauthorized", $"user '{options.User}' was not accepted by {Server}; check RelationsGraph:Store:Neo4j:User and Password.");
            if ((int)response.StatusCode >= 500) throw new Neo4jUnavailableException($"Neo4j at {Server} answered {(int)response.StatusCode}.");
            JsonObject result;
            try
            {
                // parsed from the stream: the answer is never held as one more string
                await using var answer = await response.Content.ReadAsStreamAsync(ct);
                result = await JsonNode.ParseAsync(answer, cancellationToken: ct) as JsonObject
                    ?? throw new Neo4jUnavailableException($"Neo4j at {Server} answered without a JSON object.");
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // a connection dropped mid-answer: the transaction's outcome is unknown, and every write here is idempotent
                throw new Neo4jUnavailableException($"Neo4j at {Server} broke off its answer: {e.Message}", e);
            }
            if (result["errors"] is JsonArray { Count: > 0 } errors)
            {
                var code = errors[0]!["code"]?.GetValue<string>() ?? "Neo.DatabaseError.Unknown";
                var message = errors[0]!["message"]?.GetValue<string>() ?? "";
                if (code.StartsWith("Neo.TransientError.", StringComparison.Ordinal)) throw new Neo4jUnavailableException($"Neo4j reported {code}: {message}");
                throw new Neo4jClientException(code, message);
            }
            var results = result["results"] as JsonArray ?? [];
            return (results.Select(r => (IReadOnlyList<JsonArray>)((r!["data"] as JsonArray) ?? []).Select(row => (JsonArray)row!["row"]!).ToList()).ToList(), result);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = null };

    public void Dispose() => http.Dispose();
}
