using System.Net;
using RelationsGraph.Api.Common;

namespace RelationsGraph.Api.GraphiQL;

/// <summary>
/// GraphiQL, the GraphQL IDE, at the endpoint's own address for browsers. GraphiQL and React come
/// from npm at build time (GraphiQL/package-lock.json) and are embedded with our starter script
/// (GraphiQL/wwwroot) and served at <c>/graphiql/</c>: nothing is fetched from anywhere else, so it
/// works without the internet.
/// </summary>
public static class GraphiQLPage
{
    private const string ResourcePrefix = "graphiql/";
    private const string Route = "/graphiql/";

    // The dashboard's policy, and fonts from data: URLs: graphiql.min.css carries its fonts inline.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>What the build copies from npm (RelationsGraph.Api.csproj), in the order the page loads the scripts.</summary>
    private static readonly string[] Libraries =
        ["lib/graphiql.min.css", "lib/react.production.min.js", "lib/react-dom.production.min.js", "lib/graphiql.min.js"];

    private static readonly IReadOnlyDictionary<string, EmbeddedWebFile> Files = EmbeddedWebFiles.Load(typeof(GraphiQLPage).Assembly, ResourcePrefix);

    /// <summary>Serves the starter script, its stylesheet and the libraries at <c>/graphiql/</c>.</summary>
    public static IEndpointRouteBuilder MapGraphiQLFiles(this IEndpointRouteBuilder app)
    {
        foreach (var (path, file) in Files)
            app.MapMethods(Route + path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => EmbeddedWebFiles.Serve(http, file, ContentSecurityPolicy))
                .ExcludeFromDescription();
        return app;
    }

    /// <summary>Answers a browser's GET of the GraphQL endpoint with the GraphiQL page.</summary>
    public static async Task WriteAsync(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Html(http.Request.PathBase + http.Request.Path, http.Request.PathBase + Route, Libraries.All(Files.ContainsKey)));
    }

    /// <summary>The page: no inline script or style (the policy allows neither); without the libraries, a page that says so.</summary>
    internal static string Html(string endpoint, string files, bool librariesPresent)
    {
        string Url(string path) => WebUtility.HtmlEncode(files + path);
        var head = librariesPresent
            ? $"""
              <link rel="stylesheet" href="{Url("lib/graphiql.min.css")}">
                <link rel="stylesheet" href="{Url("graphiql-page.css")}">
                <script src="{Url("lib/react.production.min.js")}" defer></script>
                <script src="{Url("lib/react-dom.production.min.js")}" defer></script>
                <script src="{Url("lib/graphiql.min.js")}" defer></script>
                <script src="{Url("graphiql-page.js")}" defer></script>
              """
            : $"""<link rel="stylesheet" href="{Url("graphiql-page.css")}">""";
        var body = librariesPresent
            ? $"""<body data-state="loading"><div id="graphiql" data-endpoint="{WebUtility.HtmlEncode(endpoint)}">Loading GraphiQL…</div></body>"""
            : $"""
              <body data-state="error">
                <main class="missing" role="alert">
                  <h1>GraphiQL's libraries are missing</h1>
                  <p>This build of RelationsGraph has no GraphiQL: its libraries (graphiql, react, react-dom) come from npm when the API is built.
                     Install Node.js (npm on the PATH) and build again; see <code>src/RelationsGraph.Api/GraphiQL/README.md</code>.</p>
                  <p>The GraphQL endpoint itself works: <code>POST {WebUtility.HtmlEncode(endpoint)}</code> with
                     <code>Content-Type: application/json</code> and a body such as <code>{WebUtility.HtmlEncode("""{"query": "{ graphStats { nodes edges } }"}""")}</code>.</p>
                </main>
              </body>
              """;
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>RelationsGraph — GraphiQL</title>
              <link rel="icon" href="data:,">
              {head}
            </head>
            {body}
            </html>
            """;
    }
}
