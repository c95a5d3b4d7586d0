// conflictkg web page: a SPARQL editor with a results table, an entity search and view,
// and a drawn neighbourhood graph. Vanilla JS, no dependencies. Every value from the server is
// put into the page through DOM text nodes and attributes, never as HTML.
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  /** [{prefix, iri}], longest IRI first so the most specific prefix wins. */
  let prefixes = [];
  let examples = [];

  // ------------------------------------------------------------------ DOM helpers

  /** Builds an element; strings among children become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function svgEl(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, String(value));
      }
    }
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // ------------------------------------------------------------------ terms

  /** `ckg:State` for an IRI under a known prefix, else the IRI in angle brackets. */
  function shorten(iri) {
    for (const { prefix, iri: base } of prefixes) {
      if (iri.startsWith(base) && iri.length > base.length) {
        const local = iri.slice(base.length);
        if (/^[\p{L}\p{N}_\-./]+$/u.test(local)) return `${prefix}:${local}`;
      }
    }
    return `<${iri}>`;
  }

  function localName(iri) {
    const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
    return cut >= 0 ? iri.slice(cut + 1) : iri;
  }

  /** Same-page link to an entity's view. */
  function entityLink(iri, text) {
    return el('a', {
      href: `?entity=${encodeURIComponent(iri)}`,
      class: 'entity-link',
      title: iri,
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        openEntity(iri, true);
      },
    }, text || shorten(iri));
  }

  // ------------------------------------------------------------------ networking

  async function fetchText(url, options) {
    const response = await fetch(url, options);
    const text = await response.text();
    if (!response.ok) {
      const error = new Error(`${response.status} ${response.statusText}: ${text.trim()}`);
      error.status = response.status;
      throw error;
    }
    return { response, text };
  }

  async function fetchJSON(url) {
    const { text } = await fetchText(url, { headers: { Accept: 'application/json' } });
    return JSON.parse(text);
  }

  // ------------------------------------------------------------------ views

  function showView(name) {
    for (const view of ['query', 'entity']) {
      show($(`${view}-view`), view === name);
      $(`tab-${view}`).setAttribute('aria-pressed', String(view === name));
    }
  }

  // ------------------------------------------------------------------ query editor

  function showError(target, message) {
    target.replaceChildren(el('pre', null, message));
    show(target, true);
  }

  async function runQuery() {
    const query = $('query').value;
    const status = $('status');
    const table = $('results');
    const raw = $('raw');
    show($('error'), false);
    table.replaceChildren();
    show(raw, false);
    status.textContent = 'Running…';
    $('run').disabled = true;
    updateDownloads(query);
    const params = new URLSearchParams(location.search);
    params.set('query', query);
    params.delete('entity');
    history.replaceState(null, '', `?${params}`);
    const started = performance.now();
    try {
      const { response, text } = await fetchText('/sparql', {
        method: 'POST',
        headers: { Accept: 'application/sparql-results+json, text/turtle;q=0.9' },
        body: new URLSearchParams({ query }),
      });
      const ms = Math.round(performance.now() - started);
      const truncated = response.headers.get('X-Conflictkg-Truncated') === 'true';
      const type = response.headers.get('Content-Type') || '';
      let summary;
      if (type.includes('json')) {
        const data = JSON.parse(text);
        if (typeof data.boolean === 'boolean') {
          table.append(el('thead', null, el('tr', null, el('th', null, 'ASK'))),
            el('tbody', null, el('tr', null, el('td', null, String(data.boolean)))));
          summary = `answer: ${data.boolean}`;
        } else {
          const rows = renderTable(table, data);
          summary = `${rows} row${rows === 1 ? '' : 's'}`;
        }
      } else {
        raw.textContent = text;
        show(raw, true);
        summary = `${text.split('\n').filter((l) => l.trim()).length} lines of ${type.split(';')[0]}`;
      }
      status.textContent = `${summary} in ${ms} ms${truncated ? ' — cut at the server\'s row limit' : ''}`;
    } catch (error) {
      status.textContent = '';
      showError($('error'), error.message);
    } finally {
      $('run').disabled = false;
    }
  }

  /** Fills the table from SPARQL JSON results; returns the row count. */
  function renderTable(table, data) {
    const vars = (data.head && data.head.vars) || [];
    const bindings = (data.results && data.results.bindings) || [];
    table.append(el('thead', null, el('tr', null, vars.map((v) => el('th', { scope: 'col' }, v)))));
    const body = el('tbody');
    for (const binding of bindings) {
      body.append(el('tr', null, vars.map((v) => termCell(binding[v]))));
    }
    table.append(body);
    return bindings.length;
  }

  function termCell(term) {
    if (!term) return el('td', { class: 'unbound' });
    switch (term.type) {
      case 'uri':
        return el('td', { class: 'iri' }, entityLink(term.value));
      case 'bnode':
        return el('td', { class: 'bnode' }, `_:${term.value}`);
      case 'literal':
      case 'typed-literal': {
        const note = term['xml:lang'] ? `@${term['xml:lang']}` : (term.datatype ? shorten(term.datatype) : null);
        return el('td', { class: 'literal', title: note }, term.value);
      }
      default:
        return el('td', null, JSON.stringify(term));
    }
  }

  function updateDownloads(query) {
    const links = ['json', 'csv', 'tsv', 'xml', 'turtle'].map((format) =>
      el('a', { href: `/sparql?query=${encodeURIComponent(query)}&format=${format}`, target: '_blank', rel: 'noopener' }, format));
    const box = $('downloads');
    box.replaceChildren('Raw results: ');
    links.forEach((link, i) => box.append(i ? ' · ' : '', link));
  }

  // ------------------------------------------------------------------ entity search

  async function search(text) {
    const status = $('search-status');
    const list = $('search-results');
    list.replaceChildren();
    status.textContent = 'Searching…';
    try {
      const hits = await fetchJSON(`/api/search?q=${encodeURIComponent(text)}`);
      status.textContent = hits.length ? `${hits.length} match${hits.length === 1 ? '' : 'es'}` : 'no match';
      for (const hit of hits) {
        list.append(el('li', null,
          entityLink(hit.iri, hit.label || shorten(hit.iri)),
          ' ',
          hit.types.map((t) => el('span', { class: 'chip' }, shorten(t)))));
      }
    } catch (error) {
      status.textContent = '';
      showError($('entity-error'), error.message);
    }
  }

  // ------------------------------------------------------------------ entity view

  async function openEntity(iri, push) {
    showView('entity');
    if (push) history.pushState(null, '', `?entity=${encodeURIComponent(iri)}`);
    const box = $('entity');
    show($('entity-error'), false);
    box.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    try {
      const [entity, neighbourhood] = await Promise.all([
        fetchJSON(`/api/entity?iri=${encodeURIComponent(iri)}`),
        fetchJSON(`/api/neighbourhood?iri=${encodeURIComponent(iri)}`),
      ]);
      renderEntity(box, entity, neighbourhood);
      document.title = `${entity.label || shorten(entity.iri)} — conflictkg`;
    } catch (error) {
      box.replaceChildren();
      showError($('entity-error'), error.message);
    }
  }

  function source(sentence, title, document) {
    if (!sentence && !title && !document) return null;
    return el('div', { class: 'source' },
      sentence ? el('blockquote', null, sentence) : null,
      (title || document) ? el('cite', null, '— ', title || shorten(document)) : null);
  }

  function renderEntity(box, entity, neighbourhood) {
    const name = entity.label || shorten(entity.iri);
    const parts = [
      el('h2', null, name),
      el('p', { class: 'iri muted' }, entity.iri),
      el('p', null, entity.types.map((t) => el('span', { class: 'chip type' }, shorten(t)))),
    ];
    if (entity.altLabels.length) {
      parts.push(el('p', { class: 'alt' }, 'Also: ', entity.altLabels.join(' · ')));
    }
    parts.push(el('h3', null, 'Neighbourhood'), drawGraph(neighbourhood, entity.iri));
    parts.push(factsSection(entity, name), claimsSection(entity), eventsSection(entity));
    box.replaceChildren(...parts);
  }

  function otherCell(kind, value, label) {
    if (kind === 'iri') return entityLink(value, label || shorten(value));
    if (kind === 'blank') return el('span', { class: 'bnode' }, value);
    return el('span', { class: 'literal' }, value);
  }

  function factsSection(entity, name) {
    const section = el('section', { id: 'facts' }, el('h3', null, `Facts (${entity.facts.length})`));
    if (!entity.facts.length) {
      section.append(el('p', { class: 'muted' }, 'No plain facts.'));
      return section;
    }
    const body = el('tbody');
    for (const fact of entity.facts) {
      const other = otherCell(fact.otherKind, fact.other, fact.otherLabel);
      const predicate = el('span', { class: 'predicate', title: fact.predicate }, shorten(fact.predicate));
      const statement = fact.direction === 'out'
        ? [el('strong', null, name), ' ', predicate, ' ', other]
        : [other, ' ', predicate, ' ', el('strong', null, name)];
      const origin = source(fact.sentence, fact.documentTitle, fact.document)
        || (fact.derivedFrom ? el('span', { class: 'muted' }, 'from ', shorten(fact.derivedFrom)) : el('span', { class: 'muted' }, '—'));
      body.append(el('tr', null,
        el('td', null, statement),
        el('td', null, origin),
        el('td', { class: 'muted' }, fact.rule || '')));
    }
    section.append(el('table', { class: 'facts' },
      el('thead', null, el('tr', null, el('th', null, 'Statement'), el('th', null, 'Source'), el('th', null, 'Rule'))),
      body));
    return section;
  }

  function claimsSection(entity) {
    const section = el('section', { id: 'claims' }, el('h3', null, `Claims (${entity.claims.length})`));
    if (!entity.claims.length) {
      section.append(el('p', { class: 'muted' }, 'No claims about or by this entity.'));
      return section;
    }
    for (const claim of entity.claims) {
      const stance = claim.stance || 'Asserted';
      const denied = stance === 'Denied';
      const who = claim.claimant ? entityLink(claim.claimant, claim.claimantLabel || shorten(claim.claimant)) : el('em', null, 'unnamed source');
      section.append(el('div', { class: `claim-card ${denied ? 'denied' : 'asserted'}` },
        el('div', { class: 'claim-head' },
          el('span', { class: 'badge claim-badge' }, 'CLAIM'), ' ',
          el('span', { class: `badge stance ${denied ? 'denied' : 'asserted'}` }, stance), ' ',
          who, denied ? ' denies that ' : ' says that '),
        el('p', { class: 'proposition' },
          entityLink(claim.subject, claim.subjectLabel || shorten(claim.subject)), ' ',
          el('span', { class: 'predicate', title: claim.predicate }, shorten(claim.predicate)), ' ',
          otherCell(claim.objectKind, claim.object, claim.objectLabel)),
        source(claim.sentence, claim.documentTitle, claim.document)));
    }
    return section;
  }

  function eventsSection(entity) {
    const section = el('section', { id: 'events' }, el('h3', null, `Events (${entity.events.length})`));
    if (!entity.events.length) {
      section.append(el('p', { class: 'muted' }, 'No events.'));
      return section;
    }
    for (const event of entity.events) {
      const types = event.types.filter((t) => localName(t) !== 'Event');
      const title = (types.length ? types : event.types).map(localName).join(', ') || 'Event';
      const roles = el('ul', { class: 'roles' }, event.participants.map((p) =>
        el('li', null, el('span', { class: 'role' }, p.role), ' ', entityLink(p.iri, p.label || shorten(p.iri)))));
      const casualties = event.casualties.map((c) => el('li', null,
        el('span', { class: 'role' }, 'killed'), ' ',
        c.atLeast ? 'at least ' : '', c.killed || '?',
        c.victim ? [' — ', entityLink(c.victim, c.victimLabel || shorten(c.victim))] : null));
      roles.append(...casualties);
      section.append(el('div', { class: 'event-card' },
        el('div', { class: 'event-head' },
          entityLink(event.iri, title), ' ',
          event.date ? el('span', { class: 'date' }, event.date) : null, ' ',
          event.locationLabel ? el('span', { class: 'muted' }, `in ${event.locationLabel}`) : null, ' ',
          el('span', { class: 'chip' }, `${event.roles.length > 1 ? 'roles' : 'role'}: ${event.roles.join(', ')}`)),
        roles,
        source(event.sentence, event.documentTitle, event.document)));
    }
    return section;
  }

  // ------------------------------------------------------------------ neighbourhood graph

  const KINDS = ['state', 'group', 'organization', 'person', 'place', 'event', 'document', 'other'];
  const RADIUS = 13;

  /** Points of a regular polygon around (0,0). */
  function polygon(sides, radius, rotation) {
    const points = [];
    for (let i = 0; i < sides; i += 1) {
      const angle = rotation + (2 * Math.PI * i) / sides;
      points.push(`${(radius * Math.cos(angle)).toFixed(1)},${(radius * Math.sin(angle)).toFixed(1)}`);
    }
    return points.join(' ');
  }

  /** The node's shape, centred on (0,0): the kind is readable without colour. */
  function shape(kind) {
    const r = RADIUS;
    switch (kind) {
      case 'state': return svgEl('rect', { x: -r, y: -r * 0.75, width: 2 * r, height: 1.5 * r, rx: 2 });
      case 'group': return svgEl('polygon', { points: polygon(8, r, Math.PI / 8) });
      case 'organization': return svgEl('polygon', { points: polygon(6, r, 0) });
      case 'person': return svgEl('circle', { r: r * 0.85 });
      case 'place': return svgEl('polygon', { points: `0,${-r} ${r},${-r * 0.1} ${r * 0.75},${r} ${-r * 0.75},${r} ${-r},${-r * 0.1}` });
      case 'event': return svgEl('polygon', { points: `0,${-r * 1.15} ${r * 1.15},0 0,${r * 1.15} ${-r * 1.15},0` });
      case 'document': return svgEl('rect', { x: -r * 0.7, y: -r, width: 1.4 * r, height: 2 * r, rx: 1 });
      default: return svgEl('circle', { r: r * 0.5 });
    }
  }

  /**
   * A force layout: nodes repel (inverse square), edges pull towards a rest length, a weak
   * gravity keeps the drawing centred; the centre node is pinned. Deterministic: starting
   * positions lie on a spiral, so the same data gives the same picture.
   */
  function layout(nodes, edges, width, height) {
    const cx = width / 2;
    const cy = height / 2;
    nodes.forEach((node, i) => {
      const angle = i * 2.39996; // golden angle
      const radius = i === 0 ? 0 : 40 + 14 * Math.sqrt(i) * 6;
      node.x = cx + radius * Math.cos(angle);
      node.y = cy + radius * Math.sin(angle);
    });
    const rest = 120;
    const iterations = 300;
    for (let step = 0; step < iterations; step += 1) {
      const temperature = 12 * (1 - step / iterations) + 0.5;
      for (const node of nodes) { node.fx = 0; node.fy = 0; }
      for (let i = 0; i < nodes.length; i += 1) {
        for (let j = i + 1; j < nodes.length; j += 1) {
          const a = nodes[i];
          const b = nodes[j];
          let dx = a.x - b.x;
          let dy = a.y - b.y;
          let d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
          const force = 9000 / d2;
          const d = Math.sqrt(d2);
          a.fx += (force * dx) / d; a.fy += (force * dy) / d;
          b.fx -= (force * dx) / d; b.fy -= (force * dy) / d;
        }
      }
      for (const edge of edges) {
        const a = edge.a;
        const b = edge.b;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        const force = 0.06 * (d - rest);
        a.fx += (force * dx) / d; a.fy += (force * dy) / d;
        b.fx -= (force * dx) / d; b.fy -= (force * dy) / d;
      }
      nodes.forEach((node, i) => {
        if (i === 0) return; // pinned centre
        node.fx += 0.02 * (cx - node.x);
        node.fy += 0.02 * (cy - node.y);
        const f = Math.sqrt(node.fx * node.fx + node.fy * node.fy) || 1;
        const move = Math.min(f, temperature);
        node.x += (node.fx / f) * move;
        node.y += (node.fy / f) * move;
      });
    }
    fit(nodes, width, height);
  }

  /** Scales and centres the drawing into the canvas, keeping room for labels. */
  function fit(nodes, width, height) {
    const marginX = 90;
    const marginY = 40;
    const xs = nodes.map((n) => n.x);
    const ys = nodes.map((n) => n.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const spanX = Math.max(maxX - minX, 1);
    const spanY = Math.max(maxY - minY, 1);
    const scale = Math.min((width - 2 * marginX) / spanX, (height - 2 * marginY) / spanY, 2.2);
    const offsetX = (width - spanX * scale) / 2;
    const offsetY = (height - spanY * scale) / 2;
    for (const node of nodes) {
      node.x = offsetX + (node.x - minX) * scale;
      node.y = offsetY + (node.y - minY) * scale;
    }
  }

  function drawGraph(data, centreIri) {
    const width = 900;
    const height = 540;
    const figure = el('figure', { class: 'graph' });
    if (!data.nodes.length) return figure;
    const nodes = data.nodes.map((n) => ({ ...n }));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const edges = data.edges
      .filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target)
      .map((e) => ({ ...e, a: byId.get(e.source), b: byId.get(e.target) }));
    layout(nodes, edges, width, height);

    const svg = svgEl('svg', {
      viewBox: `0 0 ${width} ${height}`, class: 'graph-svg', role: 'img',
      'aria-label': `Neighbourhood of ${byId.get(centreIri) ? byId.get(centreIri).label : centreIri}`,
    });
    svg.append(svgEl('defs', null,
      ['fact', 'claim', 'denied'].map((kind) => svgEl('marker', {
        id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
      }, svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead ${kind}` })))));

    // Parallel edges between the same two nodes are bent apart.
    const groups = new Map();
    for (const edge of edges) {
      const key = [edge.source, edge.target].sort().join(' ');
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(edge);
    }
    // With many edges, fact labels show on hover only; claim labels always show.
    const edgeLayer = svgEl('g', { class: edges.length > 24 ? 'edges dense' : 'edges' });
    for (const group of groups.values()) {
      group.forEach((edge, i) => {
        const { a, b } = edge;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const sign = edge.source < edge.target ? 1 : -1;
        const bend = (i - (group.length - 1) / 2) * 50 * sign;
        const mx = (a.x + b.x) / 2 - (dy / d) * bend;
        const my = (a.y + b.y) / 2 + (dx / d) * bend;
        // End the line at the target's rim, towards the control point.
        const ex = b.x - mx;
        const ey = b.y - my;
        const ed = Math.max(Math.sqrt(ex * ex + ey * ey), 1);
        const tx = b.x - (ex / ed) * (RADIUS + 3);
        const ty = b.y - (ey / ed) * (RADIUS + 3);
        const style = edge.claim ? (edge.stance === 'Denied' ? 'denied' : 'claim') : 'fact';
        const path = svgEl('path', {
          d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
          class: `edge ${style}`, 'marker-end': `url(#arrow-${style})`,
        });
        // A wide invisible stroke makes the edge easy to hover; the title names it.
        const hit = svgEl('path', { d: path.getAttribute('d'), class: 'edge-hit' });
        const lx = 0.25 * a.x + 0.5 * mx + 0.25 * b.x;
        const ly = 0.25 * a.y + 0.5 * my + 0.25 * b.y;
        const text = svgEl('text', { x: lx.toFixed(1), y: ly.toFixed(1), class: `edge-label ${style}` }, edge.label);
        edgeLayer.append(svgEl('g', { class: 'edge-group' }, path, hit, text,
          svgEl('title', null, `${a.label} — ${edge.label} → ${b.label}`)));
      });
    }
    svg.append(edgeLayer);

    const nodeLayer = svgEl('g', { class: 'nodes' });
    nodes.forEach((node, i) => {
      const kind = KINDS.includes(node.kind) ? node.kind : 'other';
      const group = svgEl('g', {
        class: `node ${kind}${i === 0 ? ' centre' : ''}`,
        transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`,
        tabindex: 0, role: 'link', 'aria-label': `${node.label} (${kind})`,
      });
      const label = node.label.length > 28 ? `${node.label.slice(0, 27)}…` : node.label;
      group.append(shape(kind), svgEl('text', { y: RADIUS + 13, class: 'node-label' }, label),
        svgEl('title', null, `${node.label}\n${kind}\n${node.id}`));
      const go = () => openEntity(node.id, true);
      group.addEventListener('click', go);
      group.addEventListener('keydown', (event) => { if (event.key === 'Enter') go(); });
      nodeLayer.append(group);
    });
    svg.append(nodeLayer);
    figure.append(svg, legend());
    return figure;
  }

  function legend() {
    const items = KINDS.filter((k) => k !== 'other').map((kind) => {
      const icon = svgEl('svg', { viewBox: '-16 -16 32 32', width: 22, height: 22, class: `node ${kind}` }, shape(kind));
      return el('span', { class: 'legend-item' }, icon, ' ', kind);
    });
    const line = (style, text) => el('span', { class: 'legend-item' },
      svgEl('svg', { viewBox: '0 0 30 10', width: 30, height: 10 }, svgEl('line', { x1: 0, y1: 5, x2: 30, y2: 5, class: `edge ${style}` })), ' ', text);
    return el('figcaption', { class: 'legend' }, items,
      line('fact', 'fact'), line('claim', 'claim (asserted)'), line('denied', 'claim (denied)'));
  }

  // ------------------------------------------------------------------ start

  function route() {
    const params = new URLSearchParams(location.search);
    const entity = params.get('entity');
    if (entity) {
      openEntity(entity, false);
      return;
    }
    showView('query');
    if (params.has('query')) $('query').value = params.get('query');
    const run = params.get('run');
    if (run && run !== '0' && run !== 'false') runQuery();
  }

  async function start() {
    $('run').addEventListener('click', runQuery);
    $('query').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        runQuery();
      }
    });
    $('examples').addEventListener('change', (event) => {
      const example = examples[Number(event.target.value)];
      if (example) $('query').value = example.query;
    });
    for (const tab of document.querySelectorAll('.tab')) {
      tab.addEventListener('click', () => showView(tab.dataset.view));
    }
    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      search($('search').value);
    });
    window.addEventListener('popstate', route);

    const [loadedExamples, loadedPrefixes] = await Promise.all([
      fetchJSON('/api/examples').catch(() => []),
      fetchJSON('/api/prefixes').catch(() => []),
    ]);
    examples = loadedExamples;
    prefixes = loadedPrefixes.slice().sort((a, b) => b.iri.length - a.iri.length);
    examples.forEach((example, i) => $('examples').append(el('option', { value: i }, example.title)));
    const params = new URLSearchParams(location.search);
    if (!params.has('query') && examples.length) $('query').value = examples[0].query;
    updateDownloads($('query').value);
    route();
  }

  start();
})();
