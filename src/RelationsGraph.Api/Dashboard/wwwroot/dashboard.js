// The analyst dashboard: two actors, their timeline, the events with their quotes, the graph
// around them. It reads only the public GraphQL API (POST /graphql). Text from the API is only
// ever set with textContent or as attribute values, never parsed as HTML.

const GRANULARITIES = ['MONTH', 'QUARTER', 'YEAR'];
const EVENT_TYPES = ['VISIT', 'RECEPTION', 'MEETING', 'DELEGATION', 'SIGNING', 'EXTENSION', 'OTHER'];
const TYPE_COLOURS = {
  VISIT: '#2563eb', RECEPTION: '#0f766e', MEETING: '#7c3aed', DELEGATION: '#c2410c',
  SIGNING: '#15803d', EXTENSION: '#a16207', OTHER: '#64748b',
};
const LABEL_COLOURS = {
  Place: '#2563eb', Organization: '#c2410c', Person: '#be185d', Office: '#7c3aed',
  Event: '#0f766e', Agreement: '#15803d', Statistic: '#a16207', Document: '#64748b',
};
// What can be one side of a contact; search also finds offices, events, figures and documents.
const ACTOR_LABELS = new Set(['Place', 'Organization', 'Person']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PRECISION_WORDS = { YEAR: 'year', MONTH: 'month', DAY: 'day' };
const GRANULARITY_WORDS = { YEAR: 'year', QUARTER: 'quarter', MONTH: 'month' };

const SEARCH_QUERY = `query Suggest($text: String!) {
  search(text: $text, first: 8) { nodes { id label name } }
}`;

const TIMELINE_QUERY = `query Timeline($actor: String!, $counterpart: String!, $granularity: Granularity!) {
  timeline(actor: $actor, counterpart: $counterpart, granularity: $granularity) {
    actor { id label name }
    counterpart { id label name }
    granularity
    total
    buckets { period start end count byType { type count } }
    unplaced { id type date datePrecision title }
  }
}`;

// The list pages through cooperationEvents (the same events, rolled up the same way): asked
// inside timeline's buckets, the quotes, sources and participants of every event would exceed
// the API's complexity limit, which counts each nested list as many items.
const EVENTS_PAGE = 25;
const MAX_EVENT_PAGES = 20;
const EVENTS_QUERY = `query Events($actor: String!, $counterpart: String!, $after: String) {
  cooperationEvents(between: $actor, and: $counterpart, first: ${EVENTS_PAGE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id type date datePrecision title
      place { name }
      involves { id name label }
      participants { entity { id name label } offices { title } }
      evidence { quote document { id title url published publisher language } }
    }
  }
}`;

const SUBGRAPH_QUERY = `query Around($seeds: [String!]!, $depth: Int!, $maxNodes: Int!) {
  subgraph(seeds: $seeds, depth: $depth, maxNodes: $maxNodes) {
    truncated
    nodes { id label name }
    edges { id type source target role asOf }
  }
}`;

const MAX_GRAPH_NODES = 150;
const LABELLED_WHEN_CROWDED = new Set(['Place', 'Organization', 'Person']);

// ---------------------------------------------------------------- GraphQL

class ApiError extends Error {
  constructor(errors) {
    super(errors.map(e => e.message).join(' '));
    this.errors = errors;
  }
}

async function graphql(query, variables, signal) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError([{ message: `The API at /graphql did not answer (${e.message}).`, extensions: { code: 'NETWORK' } }]);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `The API answered ${response.status} ${response.statusText} without a GraphQL result.`, extensions: { code: `HTTP_${response.status}` } }]);
  }
  if (body.errors?.length) throw new ApiError(body.errors);
  return body.data;
}

// ---------------------------------------------------------------- DOM helpers

/** Creates an element; strings among the children become text nodes (never HTML). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const $ = id => document.getElementById(id);

function typeName(type) {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

/** "3 October 2019", "October 2019", "2019"; "undated" for an event whose release gives no date. */
function formatDate(date) {
  if (!date) return 'undated';
  const [year, month, day] = String(date).split('-');
  if (day) return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  if (month) return `${MONTHS[Number(month) - 1]} ${year}`;
  return year;
}

function formatPeriod(period) {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return formatDate(period);
}

/** The period's position on a line of periods of its granularity, or null if it is not one. */
function periodIndex(period, granularity) {
  let m;
  if (granularity === 'YEAR' && (m = /^(\d{4})$/.exec(period))) return Number(m[1]);
  if (granularity === 'QUARTER' && (m = /^(\d{4})-Q([1-4])$/.exec(period))) return Number(m[1]) * 4 + Number(m[2]) - 1;
  if (granularity === 'MONTH' && (m = /^(\d{4})-(\d{2})$/.exec(period))) return Number(m[1]) * 12 + Number(m[2]) - 1;
  return null;
}

function periodAt(index, granularity) {
  if (granularity === 'YEAR') return String(index);
  if (granularity === 'QUARTER') return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The API lists only periods with events; a time axis reads better with the empty ones between. */
function continuousPeriods(buckets, granularity) {
  const known = buckets.map(b => b.period);
  const indexes = known.map(p => periodIndex(p, granularity));
  if (indexes.length === 0 || indexes.some(i => i === null)) return known;
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  if (last - first > 600) return known;
  const periods = [];
  for (let i = first; i <= last; i++) periods.push(periodAt(i, granularity));
  return periods;
}

function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

// ---------------------------------------------------------------- page state

const rg = { cy: null, chart: null, params: null, shown: null, timeline: null, events: null, subgraph: null };
window.rg = rg;

const libraries = {
  chart: typeof window.Chart === 'function',
  cytoscape: typeof window.cytoscape === 'function',
};

function setState(state) {
  document.body.dataset.state = state;
  $('main').setAttribute('aria-busy', state === 'loading' ? 'true' : 'false');
}

function setStatus(text) {
  $('status').textContent = text;
}

function showProblem(title, details) {
  const box = $('problem');
  box.replaceChildren(el('strong', {}, title), ...details.map(d => el('p', {}, d)));
  box.hidden = false;
}

function hideProblem() {
  $('problem').hidden = true;
  $('problem').replaceChildren();
}

function readUrl() {
  const query = new URLSearchParams(location.search);
  const granularity = (query.get('granularity') ?? 'MONTH').toUpperCase();
  return {
    actor: (query.get('actor') ?? '').trim(),
    counterpart: (query.get('counterpart') ?? '').trim(),
    granularity: GRANULARITIES.includes(granularity) ? granularity : 'MONTH',
    depth: query.get('depth') === '2' ? 2 : 1,
  };
}

function writeUrl(params, push) {
  const query = new URLSearchParams();
  query.set('actor', params.actor);
  query.set('counterpart', params.counterpart);
  query.set('granularity', params.granularity);
  if (params.depth !== 1) query.set('depth', String(params.depth));
  const url = `${location.pathname}?${query}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function fillForm(params) {
  $('actor').value = params.actor;
  $('counterpart').value = params.counterpart;
  delete $('actor').dataset.ref;
  delete $('counterpart').dataset.ref;
  for (const radio of document.querySelectorAll('input[name=granularity]')) radio.checked = radio.value === params.granularity;
  $('depth').value = String(params.depth);
}

function formParams() {
  // The id of a picked suggestion, else the text (any name, alias or code the API resolves).
  const ref = input => input.dataset.ref ?? input.value.trim();
  return {
    actor: ref($('actor')),
    counterpart: ref($('counterpart')),
    granularity: document.querySelector('input[name=granularity]:checked')?.value ?? 'MONTH',
    depth: Number($('depth').value) === 2 ? 2 : 1,
  };
}

// ---------------------------------------------------------------- suggestions

/** A combobox (WAI-ARIA 1.2 list autocomplete): suggestions as you type, arrows, Enter, Escape. */
function suggestions(input, list, onPick) {
  let timer = 0;
  let controller = null;
  let options = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = index => {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0 && list.children[index]?.id) {
      input.setAttribute('aria-activedescendant', list.children[index].id);
      list.children[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const pick = option => {
    input.value = option.name;
    input.dataset.ref = option.id;
    close();
    onPick();
  };

  const render = message => {
    list.replaceChildren();
    if (message) {
      list.append(el('li', { class: 'option-message', role: 'presentation' }, message));
    }
    options.forEach((option, i) => {
      const li = el('li', { id: `${list.id}-${i}`, role: 'option', 'aria-selected': 'false', class: 'option' },
        el('span', { class: 'option-name' }, option.name),
        el('span', { class: `tag label-${option.label.toLowerCase()}` }, option.label));
      li.addEventListener('mousedown', e => e.preventDefault()); // keep the focus in the input
      li.addEventListener('click', () => pick(option));
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };

  const suggest = async text => {
    controller?.abort();
    controller = new AbortController();
    try {
      const data = await graphql(SEARCH_QUERY, { text }, controller.signal);
      if (input.value.trim() !== text || document.activeElement !== input) return;
      options = data.search.nodes.filter(n => ACTOR_LABELS.has(n.label));
      render(options.length ? null : `No place, organization or person matches “${text}”.`);
    } catch (e) {
      if (e.name === 'AbortError') return;
      options = [];
      render(`Suggestions are unavailable: ${e.message}`);
    }
  };

  input.addEventListener('input', () => {
    delete input.dataset.ref;
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      controller?.abort();
      close();
      return;
    }
    timer = setTimeout(() => suggest(text), 200);
  });

  input.addEventListener('keydown', e => {
    const open = !list.hidden && options.length > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) {
        if (options.length) render(null);
        else return;
      }
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      close();
    }
  });

  input.addEventListener('blur', close);
}

// ---------------------------------------------------------------- loading

let loadController = null;

/** Loads what changed (all of it for new actors; the timeline for a new granularity; the graph for a new depth) and renders it. */
async function load(params, { timeline = true, events = true, graph = true } = {}) {
  loadController?.abort();
  loadController = new AbortController();
  const { signal } = loadController;
  rg.params = params;
  hideProblem();
  $('intro')?.remove();
  setState('loading');
  setStatus(`Loading the contacts between ${params.actor} and ${params.counterpart}…`);

  const [timelineResult, eventsResult, graphResult] = await Promise.allSettled([
    timeline ? graphql(TIMELINE_QUERY, { actor: params.actor, counterpart: params.counterpart, granularity: params.granularity }, signal) : null,
    events ? fetchEvents(params, signal) : null,
    graph ? graphql(SUBGRAPH_QUERY, { seeds: [params.actor, params.counterpart], depth: params.depth, maxNodes: MAX_GRAPH_NODES }, signal) : null,
  ]);
  if (signal.aborted) return;

  // The three requests name the same actors: the first failure says what is wrong, the others repeat it.
  const failure = [timelineResult, eventsResult, graphResult].find(r => r.status === 'rejected')?.reason;
  if (failure) {
    rg.shown = null;
    $('results').hidden = true;
    const errors = failure instanceof ApiError ? failure.errors : [{ message: String(failure?.message ?? failure) }];
    const codes = new Set(errors.map(e => e.extensions?.code));
    const answered = failure instanceof ApiError && ![...codes].some(c => c === 'NETWORK' || String(c).startsWith('HTTP_'));
    const hints = codes.has('UNKNOWN_REF') || codes.has('AMBIGUOUS_REF')
      ? ['Type a few letters in a field to see the names the graph knows, and pick one.']
      : [];
    showProblem(answered ? 'The API answered with an error.' : 'The API could not answer.',
      [...new Set(errors.map(e => (e.extensions?.code ? `${e.extensions.code}: ` : '') + e.message)), ...hints]);
    setStatus('');
    setState('error');
    return;
  }

  if (timeline) rg.timeline = timelineResult.value.timeline;
  if (events) rg.events = eventsResult.value;
  if (graph) rg.subgraph = graphResult.value.subgraph;
  rg.shown = params;
  $('results').hidden = false; // visible before drawing: the chart and the graph measure their boxes
  if (!libraries.chart || !libraries.cytoscape) {
    showProblem('The chart and graph libraries are missing.', [
      'The page could not load /lib/chart.umd.js and /lib/cytoscape.min.js. They come from npm when the API is built: install Node.js (npm on the PATH) and build again (see src/RelationsGraph.Api/Dashboard/README.md). Events and quotes are shown below.',
    ]);
  }
  renderSummary(rg.timeline, rg.events);
  if (timeline) {
    renderChart(rg.timeline);
    renderUnplaced(rg.timeline);
  }
  if (events) renderEvents(rg.events, rg.timeline);
  if (graph) renderGraph(rg.subgraph, rg.timeline);
  setStatus('');
  requestAnimationFrame(() => setState('ready'));
}

/** Every event between the two, with quotes and sources, page by page (at most MAX_EVENT_PAGES). */
async function fetchEvents(params, signal) {
  const nodes = [];
  let after = null;
  let totalCount = 0;
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const data = await graphql(EVENTS_QUERY, { actor: params.actor, counterpart: params.counterpart, after }, signal);
    const connection = data.cooperationEvents;
    totalCount = connection.totalCount;
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { totalCount, nodes };
}

// ---------------------------------------------------------------- timeline and events

function renderSummary(timeline, events) {
  const actor = timeline.actor.name;
  const counterpart = timeline.counterpart.name;
  const summary = $('summary');
  if (timeline.total === 0) {
    summary.textContent = `No contact recorded between ${actor} and ${counterpart}`;
    return;
  }
  // undated events come last and have no place in the range
  const dates = events.nodes.map(e => e.date).filter(Boolean);
  const range = dates.length ? ` · ${formatDate(dates[0])} – ${formatDate(dates[dates.length - 1])}` : '';
  summary.textContent = `${timeline.total} ${timeline.total === 1 ? 'contact' : 'contacts'} between ${actor} and ${counterpart}${range}`;
}

function renderChart(timeline) {
  rg.chart?.destroy();
  rg.chart = null;
  const box = document.querySelector('.chart-box');
  box.querySelector('.placeholder')?.remove();
  const canvas = $('chart');
  const placeholder = text => {
    canvas.hidden = true;
    box.append(el('p', { class: 'placeholder' }, text));
  };
  if (timeline.buckets.length === 0) {
    placeholder(timeline.total === 0
      ? 'Nothing to chart: no event between them.'
      : `No event is dated precisely enough to chart by ${GRANULARITY_WORDS[timeline.granularity]}.`);
    return;
  }
  if (!libraries.chart) {
    placeholder('The chart library (chart.js) is missing.');
    return;
  }
  canvas.hidden = false;
  const periods = continuousPeriods(timeline.buckets, timeline.granularity);
  const byPeriod = new Map(timeline.buckets.map(b => [b.period, b]));
  const present = EVENT_TYPES.filter(t => timeline.buckets.some(b => b.byType.some(c => c.type === t && c.count > 0)));
  const datasets = present.map(type => ({
    label: typeName(type),
    data: periods.map(p => byPeriod.get(p)?.byType.find(c => c.type === type)?.count ?? 0),
    backgroundColor: TYPE_COLOURS[type],
    borderRadius: 3,
    maxBarThickness: 56,
  }));
  canvas.setAttribute('aria-label', `Events per ${GRANULARITY_WORDS[timeline.granularity]} and type: ${timeline.buckets.map(b => `${formatPeriod(b.period)} ${b.count}`).join(', ')}`);
  rg.chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels: periods.map(formatPeriod), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { color: '#334155' } },
        // Headroom above the tallest bar, so that one event is not a bar as tall as the chart.
        y: { stacked: true, beginAtZero: true, suggestedMax: Math.max(...timeline.buckets.map(b => b.count)) + 1, ticks: { precision: 0, color: '#334155' }, grid: { color: '#e2e8f0' } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, color: '#1e293b' } },
        tooltip: { mode: 'index', filter: item => item.raw > 0 },
      },
    },
  });
}

function renderUnplaced(timeline) {
  const note = $('unplaced');
  if (timeline.unplaced.length === 0) {
    note.hidden = true;
    note.replaceChildren();
    return;
  }
  const per = GRANULARITY_WORDS[timeline.granularity];
  note.replaceChildren(
    el('strong', {}, `Not placeable at this granularity (by ${per}): `),
    ...timeline.unplaced.flatMap((e, i) => [
      i > 0 ? '; ' : '',
      e.date
        ? `${typeName(e.type)}, ${formatDate(e.date)} (known to the ${PRECISION_WORDS[e.datePrecision] ?? e.datePrecision.toLowerCase()} only)`
        : `${typeName(e.type)}, undated (the source gives no date)`,
    ]),
    '. They are in the list below.');
  note.hidden = false;
}

function renderEvents(events, timeline) {
  const list = $('events');
  const note = $('events-note');
  note.hidden = events.nodes.length >= events.totalCount;
  note.textContent = note.hidden ? '' : `The first ${events.nodes.length} of ${events.totalCount} events.`;
  if (events.nodes.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, `No contact recorded between ${timeline.actor.name} and ${timeline.counterpart.name}.`));
    return;
  }
  list.replaceChildren(...events.nodes.map(renderEvent));
}

function renderEvent(event) {
  const participants = event.participants.map(p => {
    const offices = p.offices.map(o => o.title).filter(Boolean);
    return offices.length ? `${p.entity.name} (${offices.join(', ')})` : p.entity.name;
  });
  const meta = el('dl', { class: 'event-meta' },
    participants.length ? [el('dt', {}, 'Participants'), el('dd', {}, participants.join('; '))] : null,
    event.place ? [el('dt', {}, 'Place'), el('dd', {}, event.place.name)] : null,
    event.involves.length ? [el('dt', {}, 'Between'), el('dd', {}, event.involves.map(i => i.name).join(' · '))] : null);
  const quotes = event.evidence.map(ev => {
    const doc = ev.document;
    const url = safeUrl(doc.url);
    const source = url ? el('a', { href: url, rel: 'noopener noreferrer' }, doc.title) : doc.title;
    const details = [doc.publisher, doc.published ? formatDate(doc.published) : null].filter(Boolean).join(', ');
    return el('blockquote', { class: 'quote', lang: doc.language || null },
      el('p', { class: 'quote-text' }, ev.quote),
      el('footer', { lang: 'en' }, 'Source: ', el('cite', {}, source), details ? ` — ${details}` : ''));
  });
  const dataset = event.date ? { eventId: event.id, date: event.date, type: event.type } : { eventId: event.id, type: event.type };
  return el('li', { class: 'event', dataset },
    el('div', { class: 'event-date' },
      event.date
        ? [el('time', { datetime: event.date }, formatDate(event.date)),
          event.datePrecision !== 'DAY' ? el('span', { class: 'precision' }, `${PRECISION_WORDS[event.datePrecision] ?? ''} precision`) : null]
        : el('span', { class: 'undated' }, 'undated')),
    el('div', { class: 'event-body' },
      el('div', { class: 'event-head' },
        el('span', { class: `badge type-${event.type.toLowerCase()}` }, typeName(event.type)),
        el('h4', { class: 'event-title' }, event.title)),
      meta,
      quotes));
}

// ---------------------------------------------------------------- graph

function renderGraph(subgraph, timeline) {
  rg.cy?.destroy();
  rg.cy = null;
  const container = $('graph');
  const note = $('graph-note');
  const details = $('node-details');
  container.replaceChildren();
  details.textContent = 'Click a node to see what it is.';
  const seeds = new Set([timeline?.actor.id, timeline?.counterpart.id].filter(Boolean));
  const ids = new Set(subgraph.nodes.map(n => n.id));
  const edges = subgraph.edges.filter(e => ids.has(e.source) && ids.has(e.target));
  note.hidden = !subgraph.truncated;
  note.textContent = subgraph.truncated ? `Only the first ${subgraph.nodes.length} nodes are shown (the graph around them is larger).` : '';
  renderLegend(subgraph.nodes);

  if (!libraries.cytoscape) {
    container.append(el('p', { class: 'placeholder' }, 'The graph library (cytoscape.js) is missing.'));
    return;
  }
  if (subgraph.nodes.length === 0) {
    container.append(el('p', { class: 'placeholder' }, 'Nothing around them in the graph.'));
    return;
  }
  // In a crowded graph only the actors keep their names on screen; the rest show theirs on hover or click.
  const crowded = subgraph.nodes.length > 30;
  const short = node => {
    // An event's name is its title ("Visit: Masao Uchibori in Nordrhein-Westfalen, 2019-10"): type and date suffice here.
    const event = node.label === 'Event' && /^([^:]+):.*, (\d{4}(?:-\d{2}){0,2})$/.exec(node.name);
    if (event) return `${event[1]} ${event[2]}`;
    return node.name.length > 28 ? `${node.name.slice(0, 27)}…` : node.name;
  };
  rg.cy = window.cytoscape({
    container,
    elements: [
      ...subgraph.nodes.map(n => ({
        data: { id: n.id, name: n.name, label: n.label, short: short(n), colour: LABEL_COLOURS[n.label] ?? '#475569' },
        classes: [seeds.has(n.id) ? 'seed' : '', crowded && !LABELLED_WHEN_CROWDED.has(n.label) ? 'quiet' : ''].join(' ').trim(),
      })),
      ...edges.map(e => ({ data: { id: `edge:${e.id}`, source: e.source, target: e.target, type: e.type } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)', width: 16, height: 16,
          'border-width': 1.5, 'border-color': '#ffffff',
          label: 'data(short)', 'font-size': 9, color: '#1e293b',
          'text-valign': 'bottom', 'text-margin-y': 3,
          'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
          'min-zoomed-font-size': 6,
        },
      },
      {
        selector: 'node.seed',
        style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#0f172a', 'font-size': 12, 'font-weight': 'bold', 'z-index': 10 },
      },
      { selector: 'node.quiet', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
      { selector: 'node.quiet.hover, node.quiet:selected', style: { 'text-opacity': 1, 'text-background-opacity': 0.85, 'z-index': 20 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f59e0b' } },
      {
        selector: 'edge',
        style: {
          width: 1.2, 'line-color': '#cbd5e1', 'curve-style': 'bezier',
          'target-arrow-shape': 'triangle', 'target-arrow-color': '#cbd5e1', 'arrow-scale': 0.7,
        },
      },
      {
        selector: 'edge:selected',
        style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', label: 'data(type)', 'font-size': 9, color: '#92400e' },
      },
    ],
    // Force-directed, but inside the box: unbounded, cose tends to a tall strip that fits only at a tiny zoom.
    layout: {
      name: 'cose', animate: false, randomize: true, padding: 14, nodeDimensionsIncludeLabels: true,
      boundingBox: { x1: 0, y1: 0, w: container.clientWidth, h: container.clientHeight },
      idealEdgeLength: () => 60, nodeRepulsion: () => 8000, gravity: 0.4, numIter: 2500,
    },
    minZoom: 0.2,
    maxZoom: 3,
  });
  rg.cy.on('tap', 'node', e => {
    const n = e.target;
    details.replaceChildren(
      el('strong', {}, n.data('name')), ' ',
      el('span', { class: `tag label-${String(n.data('label')).toLowerCase()}` }, n.data('label')),
      el('span', { class: 'node-id' }, ` ${n.id()} · ${n.degree()} ${n.degree() === 1 ? 'relationship' : 'relationships'}`));
  });
  rg.cy.on('mouseover', 'node', e => e.target.addClass('hover'));
  rg.cy.on('mouseout', 'node', e => e.target.removeClass('hover'));
  rg.cy.on('tap', e => {
    if (e.target === rg.cy) details.textContent = 'Click a node to see what it is.';
  });
}

function renderLegend(nodes) {
  const labels = [...new Set(nodes.map(n => n.label))].sort();
  $('legend').replaceChildren(...labels.map(label => el('span', { class: 'legend-item' },
    el('span', { class: `swatch label-${label.toLowerCase()}`, 'aria-hidden': 'true' }), label)));
}

// ---------------------------------------------------------------- wiring

function start() {
  const submit = push => {
    const params = formParams();
    if (!params.actor || !params.counterpart) {
      (params.actor ? $('counterpart') : $('actor')).focus();
      return;
    }
    writeUrl(params, push);
    load(params);
  };
  const pickThenSubmit = () => {
    if ($('actor').value.trim() && $('counterpart').value.trim()) submit(true);
  };
  suggestions($('actor'), $('actor-options'), pickThenSubmit);
  suggestions($('counterpart'), $('counterpart-options'), pickThenSubmit);

  $('query').addEventListener('submit', e => {
    e.preventDefault();
    submit(true);
  });
  // A new granularity redraws the chart, a new depth the graph, of the two actors shown; anything else is a new query.
  const refresh = (change, parts) => {
    const params = { ...formParams(), ...change };
    const shown = rg.shown;
    if (!shown || shown.actor !== params.actor || shown.counterpart !== params.counterpart) {
      submit(true);
      return;
    }
    writeUrl(params, false);
    load(params, parts);
  };
  for (const radio of document.querySelectorAll('input[name=granularity]')) {
    radio.addEventListener('change', () => refresh({ granularity: radio.value }, { timeline: true, events: false, graph: false }));
  }
  $('depth').addEventListener('change', () => refresh({}, { timeline: false, events: false, graph: true }));
  window.addEventListener('popstate', () => route());
  route();
}

function route() {
  const params = readUrl();
  fillForm(params);
  if (params.actor && params.counterpart) {
    load(params);
    return;
  }
  $('results').hidden = true;
  hideProblem();
  showIntro();
  setState('ready');
}

function showIntro() {
  if ($('intro')) return;
  const example = '?actor=Nordrhein-Westfalen&counterpart=Japan&granularity=MONTH';
  $('status').after(el('section', { id: 'intro', class: 'card intro' },
    el('h2', {}, 'Choose two actors'),
    el('p', {}, 'Type a place, an organization or a person in each field and pick a suggestion: the page shows when they met, ',
      'what was said (the verbatim quotes, with their sources) and the graph around them.'),
    el('p', {}, 'For example: ', el('a', { href: example }, 'Nordrhein-Westfalen and Japan'), '.')));
}

start();
