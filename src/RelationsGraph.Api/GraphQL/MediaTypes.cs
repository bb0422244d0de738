using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace RelationsGraph.Api.GraphQL;

/// <summary>The media types a GraphQL response is written in (GraphQL over HTTP, Body).</summary>
public enum ResponseMediaType
{
    /// <summary><c>application/json</c>: request errors come with 200, as older clients expect.</summary>
    Json,
    /// <summary><c>application/graphql-response+json</c>: request errors come with 400.</summary>
    GraphQLResponseJson,
}

/// <summary>What a POST body holds, by its Content-Type.</summary>
public enum RequestBody
{
    /// <summary><c>application/json</c>: <c>{"query": ..., "operationName": ..., "variables": ..., "extensions": ...}</c>.</summary>
    Json,
    /// <summary><c>application/graphql</c>: the document itself (older clients).</summary>
    Document,
}

/// <summary>Content negotiation for the GraphQL endpoint.</summary>
public static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static string ContentType(ResponseMediaType type) =>
        (type == ResponseMediaType.GraphQLResponseJson ? GraphQLResponseJson : "application/json") + "; charset=utf-8";

    /// <summary>
    /// The media type of the answer: the one the Accept header prefers among those this endpoint writes,
    /// <c>application/json</c> without an Accept header or for <c>*/*</c> (as the graphql-http audits
    /// expect and older clients need), null when it accepts none of them (406).
    /// </summary>
    public static ResponseMediaType? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || string.IsNullOrWhiteSpace(accept.ToString())) return ResponseMediaType.Json;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges)) return null;
        // stable: of equal quality, the first listed wins
        foreach (var range in ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
        {
            if (!IsUtf8(range)) continue;
            var type = range.MediaType.Value ?? "";
            if (type.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return ResponseMediaType.GraphQLResponseJson;
            if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Equals("application/*", StringComparison.OrdinalIgnoreCase) || type == "*/*")
                return ResponseMediaType.Json;
        }
        return null;
    }

    /// <summary>What a POST body with this Content-Type holds, or null when it is none this endpoint reads (415).</summary>
    public static RequestBody? RequestBodyOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || !IsUtf8(type)) return null;
        var name = type.MediaType.Value ?? "";
        if (name.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return RequestBody.Json;
        if (name.Equals("application/graphql", StringComparison.OrdinalIgnoreCase)) return RequestBody.Document;
        return null;
    }

    // GraphQL's media types are UTF-8 unless they say otherwise; only UTF-8 is read and written here
    private static bool IsUtf8(MediaTypeHeaderValue type) =>
        !type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
