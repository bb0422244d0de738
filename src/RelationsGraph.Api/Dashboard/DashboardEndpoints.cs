using RelationsGraph.Api.Common;

namespace RelationsGraph.Api.Dashboard;

/// <summary>
/// The analyst dashboard: a static page at <c>/</c> that reads only the public GraphQL API. Its
/// files (Dashboard/wwwroot) and the libraries the build copies from npm (served at <c>/lib/</c>)
/// are embedded in this assembly, so every host finds them whatever its working directory.
/// </summary>
public static class DashboardEndpoints
{
    private const string ResourcePrefix = "dashboard/";

    // The page talks to its own origin only; the libraries set styles through the DOM, not inline markup.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        foreach (var (path, file) in EmbeddedWebFiles.Load(typeof(DashboardEndpoints).Assembly, ResourcePrefix))
        {
            var route = path == "index.html" ? "/" : "/" + path;
            app.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => EmbeddedWebFiles.Serve(http, file, ContentSecurityPolicy))
                .ExcludeFromDescription();
        }
        return app;
    }
}
