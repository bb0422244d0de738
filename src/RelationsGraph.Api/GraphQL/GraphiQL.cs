using System.Net;

namespace RelationsGraph.Api.GraphQL;

/// <summary>The GraphiQL IDE, served at the endpoint's own address to browsers.</summary>
internal static class GraphiQL
{
    public static string Page(string endpoint) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>RelationsGraph — GraphiQL</title>
          <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
          <link rel="stylesheet" href="https://unpkg.com/graphiql@3.7.1/graphiql.min.css" />
        </head>
        <body>
          <div id="graphiql">Loading GraphiQL… (it is fetched from unpkg.com; the endpoint itself is {{WebUtility.HtmlEncode(endpoint)}})</div>
          <script src="https://unpkg.com/react@18.3.1/umd/react.production.min.js" crossorigin></script>
          <script src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js" crossorigin></script>
          <script src="https://unpkg.com/graphiql@3.7.1/graphiql.min.js" crossorigin></script>
          <script>
            const fetcher = GraphiQL.createFetcher({ url: {{System.Text.Json.JsonSerializer.Serialize(endpoint)}} });
            const defaultQuery = `{
          cooperationEvents(between: "NRW", and: "Fukushima") {
            totalCount
            nodes { type date title evidence { quote document { title } } }
          }
        }`;
            ReactDOM.createRoot(document.getElementById('graphiql'))
              .render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
          </script>
        </body>
        </html>
        """;
}
