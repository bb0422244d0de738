using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

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
        var files = LoadFiles(typeof(DashboardEndpoints).Assembly);
        foreach (var (path, file) in files)
        {
            var route = path == "index.html" ? "/" : "/" + path;
            app.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
            {
                var headers = http.Response.Headers;
                headers.CacheControl = "no-cache"; // revalidated by ETag: a rebuilt page shows at once
                headers.XContentTypeOptions = "nosniff";
                if (file.ContentType.StartsWith("text/html", StringComparison.Ordinal))
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Results.Bytes(file.Content, file.ContentType, entityTag: file.ETag);
            }).ExcludeFromDescription();
        }
        return app;
    }

    private sealed record DashboardFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);

    private static Dictionary<string, DashboardFile> LoadFiles(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[ResourcePrefix.Length..];
            var contentType = types.TryGetContentType(path, out var t) ? t : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset", StringComparison.Ordinal))
                contentType += "; charset=utf-8";
            var etag = new EntityTagHeaderValue("\"" + Convert.ToHexString(SHA256.HashData(content))[..16] + "\"");
            files[path] = new DashboardFile(content, contentType, etag);
        }
        return files;
    }
}
