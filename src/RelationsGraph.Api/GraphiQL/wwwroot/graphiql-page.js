// Starts GraphiQL on the endpoint that served this page. A file of its own, not an inline script:
// the page's Content-Security-Policy runs scripts from this origin only.
'use strict';

// The README's first question, ready to run (Ctrl-Enter or the ▶ button).
const defaultQuery = `# Ctrl-Enter or ▶ runs it; Docs (left) lists every query.
{
  cooperationEvents(between: "NRW", and: "Fukushima") {
    totalCount
    nodes {
      type
      date
      datePrecision
      place { name }
      participants { entity { name } offices { office { title } asOf } }
      agreements { title status date }
      evidence { quote start end document { title } }
    }
  }
}
`;

const root = document.getElementById('graphiql');
if (window.React && window.ReactDOM && window.GraphiQL) {
  const fetcher = GraphiQL.createFetcher({ url: root.dataset.endpoint });
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
  document.body.dataset.state = 'ready';
} else {
  // The libraries were embedded when the page was made, but one did not load: say so rather than stay blank.
  root.textContent = 'GraphiQL could not start: its libraries (/graphiql/lib/) did not load. Reload the page; if that does not help, see src/RelationsGraph.Api/GraphiQL/README.md.';
  root.className = 'missing';
  root.setAttribute('role', 'alert');
  document.body.dataset.state = 'error';
}
