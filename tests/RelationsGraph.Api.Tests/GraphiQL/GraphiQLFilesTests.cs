using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using RelationsGraph.Api.GraphiQL;

namespace RelationsGraph.Api.Tests.GraphiQL;

/// <summary>The GraphiQL page over HTTP: what it loads comes from the service, under its Content-Security-Policy.</summary>
public sealed partial class GraphiQLFilesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ServesThePageUnderItsPolicyWithEveryFileItLoadsGivenABrowser()
    {
        var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("style-src 'self';", policy);
        Assert.DoesNotContain("unsafe", policy);

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);

        var urls = Reference().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, urls.Count); // GraphiQL's stylesheet and ours, React, ReactDOM, GraphiQL, our starter
        foreach (var url in urls.Append("/graphiql/lib/graphiql.LICENSE.txt").Append("/graphiql/lib/react.LICENSE.txt").Append("/graphiql/lib/react-dom.LICENSE.txt"))
        {
            Assert.StartsWith("/graphiql/", url); // the service's own, never another host
            using var file = await client.GetAsync(url);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{url}: {(int)file.StatusCode}");
            var type = file.Content.Headers.ContentType?.MediaType;
            var expected = Path.GetExtension(url) switch { ".js" => "text/javascript", ".css" => "text/css", _ => "text/plain" };
            Assert.True(type == expected, $"{url} is served as {type}");
            Assert.True(file.Content.Headers.ContentLength > 0, $"{url} is empty");
        }
    }

    [Fact]
    public void SaysTheLibrariesAreMissingGivenABuildWithoutThem()
    {
        var html = GraphiQLPage.Html("/graphql", "/graphiql/", librariesPresent: false);
        Assert.Contains("GraphiQL's libraries are missing", html);
        Assert.Contains("Install Node.js (npm on the PATH) and build again", html);
        Assert.Contains("data-state=\"error\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("/graphiql/lib/", html);
    }

    [GeneratedRegex("""<script(?![^>]*\bsrc=)""")]
    private static partial Regex InlineScript();

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]*)\"")]
    private static partial Regex Reference();
}
