// Opens an HTML conversion report in headless Chromium over the DevTools protocol and prints how
// long it takes a reader: page ready (outline drawn, script done), opening the largest object
// group, a text filter over everything, and following a link to one object (its before/after rendered). Writes two screenshots.
//
// Usage: node --experimental-websocket scripts/report-check.mjs REPORT.html PAGE.png OBJECT.png
// (Node 22+ has WebSocket without the flag.) CHROMIUM names the browser, default /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, pagePng, objectPng] = process.argv.slice(2);
if (!report || !pagePng || !objectPng) {
  console.error('usage: report-check.mjs REPORT.html PAGE.png OBJECT.png');
  process.exit(2);
}
const sleep = ms => new Promise(r => setTimeout(r, ms));
const profile = mkdtempSync(join(tmpdir(), 'report-check-'));
// Flags that keep Chromium off the network: without them a headless start can hang on it.
const chromium = spawn(process.env.CHROMIUM || '/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
  '--remote-debugging-port=0', '--window-size=1400,1000', 'about:blank'], { stdio: 'ignore' });

async function main() {
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; !existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n'); i++) {
    if (i > 300) throw new Error('chromium did not start');
    await sleep(50);
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const page = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).find(t => t.type === 'page');
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  let seq = 0;
  const pending = new Map();
  ws.onmessage = m => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) pending.get(msg.id)(msg);
  };
  const send = (method, params = {}) => new Promise((ok, fail) => {
    const id = ++seq;
    pending.set(id, msg => (msg.error ? fail(new Error(method + ': ' + msg.error.message)) : ok(msg.result)));
    ws.send(JSON.stringify({ id, method, params }));
  });
  const evaluate = async expression => {
    const r = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
    return r.result.value;
  };
  const waitFor = async (expression, what) => {
    for (let i = 0; i < 1200; i++) {
      const v = await evaluate(expression).catch(() => undefined);
      if (v) return v;
      await sleep(25);
    }
    throw new Error('timed out waiting for ' + what);
  };
  const screenshot = async file => writeFileSync(file, Buffer.from((await send('Page.captureScreenshot', { format: 'png' })).data, 'base64'));

  await send('Page.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: 1400, height: 1000, deviceScaleFactor: 1, mobile: false });
  const url = pathToFileURL(resolve(report)).href;
  const started = performance.now();
  await send('Page.navigate', { url });
  await waitFor('document.documentElement.dataset.readyMs', 'the page to be ready');
  const wall = performance.now() - started;
  const nav = await evaluate('(() => { const n = performance.getEntriesByType("navigation")[0]; return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,'
    + ' ready: +document.documentElement.dataset.readyMs, elements: document.getElementsByTagName("*").length}; })()');
  await screenshot(pagePng);

  const group = await evaluate(`(async () => {
    const d = [...document.querySelectorAll('details.og')].sort((a, b) => b.dataset.n - a.dataset.n)[0];
    d.parentElement.open = true;
    const t = performance.now();
    d.open = true;
    while (!d.querySelector('details.obj')) await new Promise(r => setTimeout(r, 2));
    await new Promise(requestAnimationFrame);
    const ms = performance.now() - t;
    d.open = false;
    d.parentElement.open = false;
    return {ns: d.dataset.ns, kind: d.dataset.kind, n: +d.dataset.n, ms};
  })()`);

  // A text filter reads every group: the slowest thing a reader can ask for.
  await evaluate(`delete document.documentElement.dataset.filterMs; const q = document.querySelector('#filters [name=q]');
    q.value = 'role-arn'; q.dispatchEvent(new Event('input', {bubbles: true}))`);
  const filter = await waitFor('document.documentElement.dataset.filterMs', 'the filter');
  const matching = await evaluate(`[...document.querySelectorAll('details.fg, details.og')].filter(d => !d.hidden).length`);
  await evaluate(`document.getElementById('filters').reset()`);
  await sleep(300);

  // The object with the most changed fields' kind: an Ingress when there is one.
  const target = await evaluate(`(() => {
    const g = [...document.querySelectorAll('details.og')].find(d => d.dataset.kind === 'Ingress') || document.querySelector('details.og');
    return +g.dataset.first;
  })()`);
  await evaluate(`delete document.documentElement.dataset.revealMs; location.hash = '#o${target}'`);
  const reveal = await waitFor('document.documentElement.dataset.revealMs', 'the object to open');
  await sleep(100);
  await screenshot(objectPng);
  const fields = await evaluate(`document.querySelectorAll('#o${target} table.diff tr').length - 1`);

  console.log(`navigation to ready (outline drawn, script done): ${nav.ready} ms (DOMContentLoaded ${Math.round(nav.dcl)} ms,`
    + ` load ${Math.round(nav.load)} ms; ${Math.round(wall)} ms as seen from outside); ${nav.elements} elements`);
  console.log(`open the largest group (${group.kind} in ${group.ns}, ${group.n} objects, first 200 listed): ${Math.round(group.ms)} ms`);
  console.log(`text filter 'role-arn' over every finding and object (unpacks all groups; ${matching} groups match): ${filter} ms`);
  console.log(`follow a link to object #o${target} (unpack its group, ${fields} fields before/after): ${reveal} ms`);
  ws.close();
}

main().then(() => 0, e => { console.error('report-check: ' + e.message); return 1; }).then(code => {
  chromium.kill();
  setTimeout(() => { rmSync(profile, { recursive: true, force: true }); process.exit(code); }, 300);
});
