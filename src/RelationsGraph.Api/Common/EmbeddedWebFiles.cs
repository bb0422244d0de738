using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace RelationsGraph.Api.Common;

/// <summary>A page, script, stylesheet or library embedded in this assembly, ready to serve.</summary>
internal sealed record EmbeddedWebFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag)
{
    public bool IsHtml => ContentType.StartsWith("text/html", StringComparison.Ordinal);
}

/// <summary>
/// The browser files embedded under a resource prefix (<c>dashboard/</c>, <c>graphiql/</c>): read once,
/// so that every host finds them whatever its working directory, and served revalidated by ETag.
/// </summary>
internal static class EmbeddedWebFiles
{
    /// <summary>The files whose resource name starts with <paramref name="prefix"/>, by the path after it ("lib/chart.umd.js").</summary>
    public static IReadOnlyDictionary<string, EmbeddedWebFile> Load(Assembly assembly, string prefix)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        var files = new Dictionary<string, EmbeddedWebFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[prefix.Length..];
            var contentType = types.TryGetContentType(path, out var t) ? t : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset", StringComparison.Ordinal))
                contentType += "; charset=utf-8";
            var etag = new EntityTagHeaderValue("\"" + Convert.ToHexString(SHA256.HashData(content))[..16] + "\"");
            files[path] = new EmbeddedWebFile(content, contentType, etag);
        }
        return files;
    }

    /// <summary>The file, revalidated by ETag (a rebuilt page shows at once); an HTML page with its Content-Security-Policy.</summary>
    public static IResult Serve(HttpContext http, EmbeddedWebFile file, string contentSecurityPolicy)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (file.IsHtml) headers.ContentSecurityPolicy = contentSecurityPolicy;
        return Results.Bytes(file.Content, file.ContentType, entityTag: file.ETag);
    }
}
