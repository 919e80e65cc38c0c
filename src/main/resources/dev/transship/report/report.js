'use strict';
// The report's rows are packed (gzip, base64) per group and unpacked only when a group is opened,
// so a page of 25,000 objects starts with a DOM of a few hundred elements. Filters live in the
// URL's query (?sev=error&check=..&ns=..&kind=..&q=..), an object in its hash (#o12).
(() => {
  const doc = document;
  const root = doc.documentElement;
  const PAGE = 200;
  const form = doc.getElementById('filters');
  const findingGroups = [...doc.querySelectorAll('details.fg')];
  const objectGroups = [...doc.querySelectorAll('details.og')];
  const checkOf = new Map(findingGroups.map(d => [d.id.slice(2), d]));
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const fmt = n => n.toLocaleString('en-US');
  const cache = new Map();

  function load(id) {
    if (!cache.has(id)) {
      const bin = atob(doc.getElementById(id).textContent);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const text = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
      cache.set(id, text.then(JSON.parse));
    }
    return cache.get(id);
  }

  function filters() {
    const f = new FormData(form);
    return {sev: new Set(f.getAll('sev')), check: f.get('check') || '', ns: f.get('ns') || '', kind: f.get('kind') || '',
      q: String(f.get('q') || '').trim().toLowerCase()};
  }
  const keyOf = F => JSON.stringify([[...F.sev], F.check, F.ns, F.kind, F.q]);

  // A row's text in lower case, worked out once: a text filter runs over every row on each key typed.
  const texts = new WeakMap();
  const searchable = (row, text) => texts.get(row) ?? texts.set(row, text().toLowerCase()).get(row);
  const objectLabel = r => (r[2] ? r[2] + '/' : '') + r[3];
  const findingMatches = (r, F, check) => (!F.ns || (r[2] || '(cluster)') === F.ns) && (!F.kind || r[1] === F.kind)
    && (!F.q || searchable(r, () => [check, r[1], objectLabel(r), r[4], r[5]].join(' ')).includes(F.q));
  const objectMatches = (o, F) => (!F.check || (o.f || []).some(([g]) => checkOf.get(String(g)).dataset.check === F.check))
    && (!F.q || searchable(o, () => JSON.stringify([o.n, o.p, o.c, o.y || ''])).includes(F.q));

  // A list rendered PAGE rows at a time, with a button for more.
  function paged(el, items, row, head, foot, shown) {
    shown = Math.max(shown || PAGE, PAGE);
    const rest = items.length - shown;
    el.innerHTML = (items.length ? head + items.slice(0, shown).map(row).join('') + foot : '<p class="st">Nothing matches the filters.</p>')
      + (rest > 0 ? `<button type="button" class="more">Show ${fmt(Math.min(rest, PAGE))} more (${fmt(rest)} left)</button>` : '');
    const more = el.querySelector(':scope > button.more');
    if (more) more.onclick = () => paged(el, items, row, head, foot, shown + PAGE);
  }

  async function renderFindings(d) {
    const F = filters();
    d.dataset.key = keyOf(F);
    const rows = (await load(d.dataset.blob)).filter(r => findingMatches(r, F, d.dataset.check));
    paged(d.querySelector('.rows'), rows, r => '<tr><td>' + (r[0] >= 0 ? `<a href="#o${r[0]}">` : '') + esc(r[1] + ' ' + objectLabel(r))
      + (r[0] >= 0 ? '</a>' : '') + '</td><td>' + esc(r[4]) + (r[5] ? '<br><span class="st">' + esc(r[5]) + '</span>' : '') + '</td></tr>',
      '<table><tr><th style="width:30%">Object</th><th>Message</th></tr>', '</table>');
  }

  async function renderObjects(d, target) {
    const F = filters();
    d.dataset.key = keyOf(F);
    const first = +d.dataset.first;
    const all = await load(d.dataset.blob);
    const items = [];
    let at = -1;
    all.forEach((o, i) => {
      if (first + i === target) at = items.length;
      if (first + i === target || objectMatches(o, F)) items.push([first + i, o]);
    });
    paged(d.querySelector('.rows'), items, ([id, o]) => `<details class="obj" id="o${id}"><summary><code>${esc(o.n)}</code> <span class="st">`
      + esc(o.s) + (o.c.length ? ` · ${fmt(o.c.length)} field${o.c.length > 1 ? 's' : ''}` : '')
      + (o.f ? ` · ${fmt(o.f.length)} finding${o.f.length > 1 ? 's' : ''}` : '') + '</span></summary><div class="obj-body"></div></details>',
    '', '', at + 1);
  }

  async function renderObject(el) {
    const id = +el.id.slice(1);
    const d = objectGroups.find(g => id >= +g.dataset.first && id < +g.dataset.first + +g.dataset.n);
    const o = (await load(d.dataset.blob))[id - +d.dataset.first];
    let html = `<p class="st">${esc(o.p)}</p>`;
    if (o.c.length) {
      html += '<table class="diff"><tr><th class="field">Field</th><th>Before</th><th>After</th></tr>' + o.c.map(([path, op, before, after]) =>
        `<tr class="${op}"><td><code>${esc(path)}</code> <span class="st">${op}</span></td><td class="before"><pre>`
        + (before == null ? '(absent)' : esc(before)) + '</pre></td><td class="after"><pre>' + (after == null ? '(removed)' : esc(after))
        + '</pre></td></tr>').join('') + '</table>';
    }
    if (o.y) html += '<p class="st">' + (o.s === 'dropped' ? 'as it was in the source backup' : 'as written to the converted backup')
      + '</p><pre class="content">' + esc(o.y) + '</pre>';
    if (o.f) {
      const rows = await Promise.all(o.f.map(async ([g, r]) => {
        const group = checkOf.get(String(g));
        const row = (await load(group.dataset.blob))[r];
        return `<tr><td><span class="sev ${group.dataset.sev}">${group.dataset.sev}</span> <code>${esc(group.dataset.check)}</code></td><td>`
          + esc(row[4]) + (row[5] ? '<br><span class="st">' + esc(row[5]) + '</span>' : '') + '</td></tr>';
      }));
      html += '<table><tr><th style="width:30%">Finding</th><th>Message</th></tr>' + rows.join('') + '</table>';
    }
    el.querySelector('.obj-body').innerHTML = html;
    el.dataset.done = '1';
  }

  doc.addEventListener('toggle', e => {
    const d = e.target;
    if (!d.open) return;
    const stale = d.dataset.key !== keyOf(filters());
    if (d.classList.contains('fg') && stale) renderFindings(d);
    else if (d.classList.contains('og') && stale) renderObjects(d);
    else if (d.classList.contains('obj') && !d.dataset.done) renderObject(d);
  }, true);

  // Opens the groups holding object #o<id>, renders it and scrolls to it.
  async function reveal(id) {
    const started = performance.now();
    const d = objectGroups.find(g => id >= +g.dataset.first && id < +g.dataset.first + +g.dataset.n);
    if (!d) return;
    d.hidden = false;
    d.parentElement.hidden = false;
    d.parentElement.open = true;
    await renderObjects(d, id);
    d.open = true;
    const el = doc.getElementById('o' + id);
    await renderObject(el);
    el.open = true;
    scrollTo(0, el.getBoundingClientRect().top + scrollY - form.offsetHeight - 8);
    root.dataset.revealMs = Math.round(performance.now() - started);
  }

  const fromHash = () => /^#o\d+$/.test(location.hash) && reveal(+location.hash.slice(2));
  addEventListener('hashchange', fromHash);
  doc.addEventListener('click', e => {
    const a = e.target.closest('a[href^="#o"]');
    if (a && a.getAttribute('href') === location.hash) {
      e.preventDefault();
      reveal(+location.hash.slice(2));
    }
  });

  let generation = 0;
  async function apply() {
    const mine = ++generation;
    const started = performance.now();
    const F = filters();
    const deep = F.ns || F.kind || F.q;
    // Unpacked side by side, not one after another, when the filter must read the rows.
    if (deep || F.check) await Promise.all([...(deep ? findingGroups : []), ...objectGroups].map(d => load(d.dataset.blob)));
    if (mine !== generation) return;
    for (const d of findingGroups) {
      const total = +d.dataset.n;
      let shown = F.sev.has(d.dataset.sev) && (!F.check || d.dataset.check === F.check) ? total : 0;
      if (shown && deep) shown = (await load(d.dataset.blob)).filter(r => findingMatches(r, F, d.dataset.check)).length;
      if (mine !== generation) return;
      d.querySelector('.n').textContent = shown === total ? fmt(total) : fmt(shown) + ' of ' + fmt(total);
      d.hidden = shown === 0;
      if (d.open) renderFindings(d);
    }
    for (const d of objectGroups) {
      const total = +d.dataset.n;
      let shown = (!F.ns || d.dataset.ns === F.ns) && (!F.kind || d.dataset.kind === F.kind) ? total : 0;
      if (shown && (F.q || F.check)) shown = (await load(d.dataset.blob)).filter(o => objectMatches(o, F)).length;
      if (mine !== generation) return;
      d.querySelector('.n').textContent = shown === total ? fmt(total) : fmt(shown) + ' of ' + fmt(total);
      d.hidden = shown === 0;
      if (d.open) renderObjects(d);
    }
    for (const ns of doc.querySelectorAll('details.ns')) ns.hidden = [...ns.querySelectorAll(':scope > details.og')].every(d => d.hidden);
    root.dataset.filterMs = Math.round(performance.now() - started);
    const params = new URLSearchParams();
    if (F.sev.size < 3) params.set('sev', [...F.sev].join(','));
    for (const k of ['check', 'ns', 'kind', 'q']) if (F[k]) params.set(k, k === 'q' ? form.elements.q.value.trim() : F[k]);
    try {
      const query = params.toString();
      history.replaceState(null, '', (query ? '?' + query : location.pathname) + location.hash);
    } catch (ignored) {
      // some browsers refuse to change a file: URL; the filters still apply
    }
  }

  let timer;
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 200); });
  form.addEventListener('reset', () => setTimeout(apply));

  // Filters given in the URL.
  const given = new URLSearchParams(location.search);
  if (given.has('sev')) {
    const sev = given.get('sev').split(',');
    for (const box of form.querySelectorAll('input[name=sev]')) box.checked = sev.includes(box.value);
  }
  for (const k of ['check', 'ns', 'kind', 'q']) if (given.has(k)) form.elements[k].value = given.get(k);
  apply().then(fromHash).then(() => { root.dataset.readyMs = Math.round(performance.now()); });
})();
