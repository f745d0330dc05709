// The operator console: a small single-page app over the console's own APIs (/api/...) and, through the console,
// the services' APIs (/svc/{inbound|outbound|alerting}/api/...), signed in by the console's session (OpenID
// Connect, authorization code + PKCE). Data is only ever put into the page as text, never as HTML.

const PAGE = 25;
let me = { name: '', roles: [], tracesUrl: null };

// ---------- plumbing ----------

function cookie(name) {
  const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null;
}

class ApiError extends Error {
  constructor(status, detail, problem) { super(detail); this.status = status; this.problem = problem || {}; }
}

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json, application/problem+json', ...headers } };
  if (method !== 'GET' && method !== 'HEAD') {
    const xsrf = cookie('XSRF-TOKEN');
    if (xsrf) init.headers['X-XSRF-TOKEN'] = xsrf;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    location.assign('/oauth2/authorization/ciam');
    throw new ApiError(401, 'Your session has ended; signing in again…');
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) {
    const detail = data && typeof data === 'object' ? (data.detail || data.title) : (text || response.statusText);
    throw new ApiError(response.status, `${response.status}: ${detail}`, data && typeof data === 'object' ? data : null);
  }
  return data;
}

const svc = (service, path) => `/svc/${service}${path}`;
const can = role => me.roles.includes(role);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function banner(message, kind = 'error') {
  const b = document.getElementById('banner');
  if (!message) { b.hidden = true; return; }
  b.className = kind;
  b.textContent = message;
  b.hidden = false;
}

function table(headers, rows, empty = 'Nothing to show.') {
  if (!rows.length) return el('p', { class: 'muted' }, empty);
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows)));
}

const when = t => t ? new Date(t).toLocaleString() : '';
const status = s => el('span', { class: 'status-' + s }, s);

/** A button that runs an action, shows progress and reports the outcome, then refreshes the view. */
function action(label, run, { cls = '', confirmText, id } = {}) {
  const button = el('button', { class: cls, id });
  button.textContent = label;
  button.addEventListener('click', async () => {
    if (confirmText && !confirm(confirmText)) return;
    button.disabled = true;
    button.textContent = label + '…';
    try {
      const message = await run();
      banner(message || `${label}: done`, 'info');
      await render();
    } catch (e) {
      banner(e.message);
      button.disabled = false;
      button.textContent = label;
    }
  });
  return button;
}

function pager(offset, count, go) {
  return el('div', { class: 'pager' },
    el('button', { disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE)) }, '‹ Newer'),
    el('span', { class: 'muted' }, count ? `${offset + 1}–${offset + count}` : 'no more'),
    el('button', { disabled: count < PAGE, onclick: () => go(offset + PAGE) }, 'Older ›'));
}

function params() {
  const query = location.hash.split('?')[1] || '';
  return new URLSearchParams(query);
}

function navigate(page, query = {}) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  location.hash = `#/${page}${q.toString() ? '?' + q : ''}`;
}

// ---------- pages ----------

async function filesPage(view) {
  const p = params();
  const offset = Number(p.get('offset') || 0);
  const q = new URLSearchParams({ limit: PAGE, offset });
  if (p.get('status')) q.set('status', p.get('status'));
  if (p.get('feed')) q.set('feed', p.get('feed'));
  const files = await api(svc('inbound', `/api/files?${q}`));
  const statusFilter = el('select', { id: 'file-status' }, ['', 'DONE', 'REJECTED', 'FAILED', 'PROCESSING', 'RECEIVED']
    .map(s => el('option', { value: s, selected: s === (p.get('status') || '') }, s || 'any status')));
  const feedFilter = el('input', { id: 'file-feed', placeholder: 'feed', value: p.get('feed') || '' });
  view.append(el('h1', {}, 'Files'),
    el('div', { class: 'filters' }, statusFilter, feedFilter,
      el('button', { onclick: () => navigate('files', { status: statusFilter.value, feed: feedFilter.value }) }, 'Filter')),
    table(['#', 'Object', 'Feed', 'Status', 'Rows valid / rejected / applied', 'Errors', 'Received', ''],
      files.map(f => el('tr', { 'data-key': f.key },
        el('td', {}, f.id),
        el('td', { class: 'wrap' }, f.key, f.reason ? el('div', { class: 'muted' }, f.reason) : null),
        el('td', {}, f.feed || ''),
        el('td', {}, status(f.status)),
        el('td', {}, `${f.rowsValid ?? '–'} / ${f.rowsRejected ?? '–'} / ${f.rowsApplied ?? '–'}`),
        el('td', {}, f.errorCount ? el('a', { href: `#/file?id=${f.id}` }, `${f.errorCount} errors`) : '0'),
        el('td', {}, when(f.receivedAt)),
        el('td', {},
          el('a', { href: `#/file?id=${f.id}` }, 'Details'), ' ',
          traceLink(f.traceId), ' ',
          can('OPERATOR') ? el('a', { class: 'button download', href: downloadUrl(f.bucket, f.key, f.versionTag) }, 'Download') : null))),
      'No files yet.'),
    pager(offset, files.length, o => navigate('files', { status: p.get('status'), feed: p.get('feed'), offset: o })));
}

function traceLink(traceId) {
  if (!traceId || !me.tracesUrl) return null;
  return el('a', { href: `${me.tracesUrl}/zipkin/traces/${encodeURIComponent(traceId)}`, target: '_blank', rel: 'noopener' }, 'Trace');
}

function downloadUrl(bucket, key, version) {
  const q = new URLSearchParams({ key });
  if (version && /^[A-Za-z0-9._-]+$/.test(version) && version !== 'null') q.set('versionId', version);
  return `/api/s3/buckets/${encodeURIComponent(bucket)}/object/content?${q}`;
}

async function filePage(view) {
  const id = params().get('id');
  const offset = Number(params().get('offset') || 0);
  const [file, errors] = await Promise.all([
    api(svc('inbound', `/api/files/${encodeURIComponent(id)}`)),
    api(svc('inbound', `/api/files/${encodeURIComponent(id)}/errors?limit=${PAGE}&offset=${offset}`))]);
  view.append(el('h1', {}, `File #${file.id}`),
    el('div', { class: 'card' },
      el('div', {}, el('strong', {}, file.key)),
      el('div', {}, `feed ${file.feed || '–'} · `, status(file.status), ` · ${file.attempts} attempt(s) · ${file.sizeBytes ?? '?'} bytes`),
      el('div', { class: 'muted' }, `received ${when(file.receivedAt)} · finished ${when(file.finishedAt)}`),
      file.reason ? el('div', {}, file.reason) : null,
      el('div', {}, traceLink(file.traceId), ' ',
        can('OPERATOR') ? el('a', { class: 'button download', href: downloadUrl(file.bucket, file.key, file.versionTag) }, 'Download') : null)),
    el('h2', {}, `Errors (${file.errorCount})`),
    table(['Line', 'Column', 'Reason', 'Value'],
      errors.map(e => el('tr', {}, el('td', {}, e.line ?? 'file'), el('td', {}, e.column ? `${e.columnNo} (${e.column})` : ''),
        el('td', {}, e.reason), el('td', { class: 'wrap' }, e.value ?? ''))), 'No errors.'),
    pager(offset, errors.length, o => navigate('file', { id, offset: o })));
}

async function deliveriesPage(view) {
  const p = params();
  const limit = Number(p.get('limit') || PAGE);
  const q = new URLSearchParams({ limit });
  for (const k of ['partner', 'status', 'bucketId']) if (p.get(k)) q.set(k, p.get(k));
  const [deliveries, partners] = await Promise.all([api(svc('outbound', `/api/deliveries?${q}`)), api(svc('outbound', '/api/partners'))]);
  const partner = el('select', { id: 'delivery-partner' }, el('option', { value: '' }, 'any partner'),
    partners.map(x => el('option', { value: x.name, selected: x.name === p.get('partner') }, x.name)));
  const st = el('select', { id: 'delivery-status' }, ['', 'DELIVERED', 'RETRYING', 'IN_FLIGHT', 'DEAD_LETTERED', 'SUPPRESSED', 'REPLAY_REQUESTED']
    .map(s => el('option', { value: s, selected: s === (p.get('status') || '') }, s || 'any status')));
  const bucket = el('input', { placeholder: 'bucket id', value: p.get('bucketId') || '' });
  view.append(el('h1', {}, 'Deliveries'),
    el('div', { class: 'filters' }, partner, st, bucket,
      el('button', { onclick: () => navigate('deliveries', { partner: partner.value, status: st.value, bucketId: bucket.value }) }, 'Filter')),
    table(['Partner', 'Event', 'Type', 'Bucket', 'Status', 'Attempts', 'HTTP', 'Last error', 'Updated', ''],
      deliveries.map(d => el('tr', {},
        el('td', {}, d.partner), el('td', { class: 'wrap' }, d.eventId), el('td', {}, d.eventType), el('td', {}, d.bucketId ?? ''),
        el('td', {}, status(d.status)), el('td', {}, d.attempts), el('td', {}, d.lastStatusCode ?? ''),
        el('td', { class: 'wrap' }, d.lastError ?? ''), el('td', {}, when(d.updatedAt)),
        el('td', {}, can('OPERATOR') && d.status !== 'DELIVERED'
          ? action('Replay', async () => { await api(svc('outbound', `/api/deliveries/${encodeURIComponent(d.partner)}/${d.eventId}/replay`), { method: 'POST' }); return `Replay of ${d.eventId} requested`; })
          : null))),
      'No deliveries match.'),
    el('div', { class: 'pager' }, deliveries.length >= limit && limit < 1000
      ? el('button', { onclick: () => navigate('deliveries', { partner: p.get('partner'), status: p.get('status'), bucketId: p.get('bucketId'), limit: Math.min(1000, limit + PAGE) }) }, `Show ${PAGE} more`)
      : el('span', { class: 'muted' }, `${deliveries.length} shown`)));
}

async function queuesPage(view) {
  const queues = await api('/api/queues');
  const list = Array.isArray(queues) ? queues : (queues.queues || []);
  view.append(el('h1', {}, 'Queues'),
    table(['Queue', 'Kind', 'Visible', 'In flight', 'Delayed', 'Oldest message', ''],
      list.map(q => el('tr', { 'data-queue': q.name },
        el('td', { class: 'wrap' }, q.name), el('td', {}, q.kind),
        el('td', {}, q.visible ?? q.error ?? ''), el('td', {}, q.inFlight ?? ''),
        el('td', {}, q.delayed ?? ''),
        el('td', {}, q.oldestAgeSeconds != null ? `${q.oldestAgeSeconds} s` : el('span', { class: 'muted' }, q.ageSource || 'n/a')),
        el('td', {},
          q.kind === 'dlq' ? el('a', { href: `#/queue?name=${encodeURIComponent(q.name)}` }, 'Peek') : null, ' ',
          q.kind === 'dlq' && can('OPERATOR') ? action('Redrive all', async () => {
            const r = await api(`/api/queues/${encodeURIComponent(q.name)}/redrive`, { method: 'POST', body: {} });
            return `Redrive of ${q.name}: ${JSON.stringify(r)}`;
          }, { confirmText: `Move every message of ${q.name} back to its source queue?` }) : null, ' ',
          can('ADMIN') ? action('Purge', () => purge(q.name), { cls: 'danger' }) : null))),
      'No queues configured.'));
}

async function purge(name) {
  const path = `/api/queues/${encodeURIComponent(name)}/purge`;
  let problem;
  try {
    await api(path, { method: 'POST' });   // never purges without a token: answers 428 with one
  } catch (e) {
    if (e.status !== 428) throw e;
    problem = e.problem;
  }
  if (!problem || !problem.confirmationToken) throw new Error(`Purge of ${name}: no confirmation token was offered`);
  if (!confirm(`Purge ${name}? ${problem.detail || ''} Every message is deleted; this cannot be undone.`)) return 'Purge cancelled';
  await api(`${path}?confirm=${encodeURIComponent(problem.confirmationToken)}`, { method: 'POST' });
  return `${name} purged`;
}

async function queuePage(view) {
  const name = params().get('name');
  const peek = await api(`/api/queues/${encodeURIComponent(name)}/messages?max=10`);
  const messages = Array.isArray(peek) ? peek : (peek.messages || []);
  view.append(el('h1', {}, `Dead letters of ${name}`),
    el('p', { class: 'muted' }, 'A peek does not consume the messages; it raises their receive count.'),
    messages.length ? messages.map(m => el('div', { class: 'card' },
      el('div', {}, el('strong', {}, m.messageId), ` · received ${m.receiveCount} times · sent ${when(m.sentAt)}${m.bodyTruncated ? ` · body cut at ${m.body.length} of ${m.bodyBytes} bytes` : ''}`),
      el('pre', {}, m.body ?? ''),
      can('OPERATOR') ? action('Redrive this one', async () => {
        const r = await api(`/api/queues/${encodeURIComponent(name)}/redrive`, { method: 'POST', body: { messageIds: [m.messageId] } });
        return `Redrive: ${JSON.stringify(r)}`;
      }) : null)) : el('p', { class: 'muted' }, 'The queue is empty.'));
}

async function alertsPage(view) {
  const p = params();
  const q = new URLSearchParams({ limit: PAGE });
  if (p.get('before')) q.set('before', p.get('before'));
  if (p.get('state')) q.set('state', p.get('state'));
  const [alerts, silences] = await Promise.all([api(svc('alerting', `/api/alerts?${q}`)), api(svc('alerting', '/api/silences'))]);
  view.append(el('h1', {}, 'Alerts'),
    table(['#', 'Severity', 'Topic', 'Source', 'Title', 'State', 'Count', 'Received', ''],
      alerts.map(a => el('tr', {},
        el('td', {}, a.seq), el('td', {}, a.severity), el('td', {}, a.topic), el('td', { class: 'wrap' }, a.source),
        el('td', { class: 'wrap' }, a.title), el('td', {}, status(a.state)), el('td', {}, a.occurrences),
        el('td', {}, when(a.receivedAt)),
        el('td', {},
          can('OPERATOR') ? action('Silence source', async () => {
            await api(svc('alerting', '/api/silences'), { method: 'POST', body: { source: a.source, endsAt: new Date(Date.now() + 3600e3).toISOString(), comment: `silenced from the console by ${me.name}` } });
            return `${a.source} silenced for an hour`;
          }) : null, ' ',
          can('OPERATOR') && a.state === 'FAILED' ? action('Retry', () => api(svc('alerting', `/api/alerts/${a.alertId}/retry`), { method: 'POST' })) : null))),
      'No alerts.'),
    el('div', { class: 'pager' },
      p.get('before') ? el('button', { onclick: () => navigate('alerts', { state: p.get('state') }) }, '‹ Newest') : null,
      alerts.length === PAGE ? el('button', { onclick: () => navigate('alerts', { state: p.get('state'), before: alerts[alerts.length - 1].seq }) }, 'Older ›') : null),
    el('h2', {}, 'Active silences'),
    table(['#', 'Topic', 'Source', 'Key prefix', 'Until', 'Comment', 'By', ''],
      silences.map(s => el('tr', {},
        el('td', {}, s.id), el('td', {}, s.topic ?? '*'), el('td', {}, s.source ?? '*'), el('td', {}, s.dedupKeyPrefix ?? ''),
        el('td', {}, when(s.endsAt)), el('td', { class: 'wrap' }, s.comment), el('td', {}, s.createdBy),
        el('td', {}, can('OPERATOR') ? action('End', () => api(svc('alerting', `/api/silences/${s.id}`), { method: 'DELETE' })) : null))),
      'No active silences.'));
}

async function partnersPage(view) {
  const partners = await api(svc('outbound', '/api/partners'));
  view.append(el('h1', {}, 'Partners'));
  for (const partner of partners) {
    const name = partner.name;
    const [switches, endpoints] = await Promise.all([
      api(svc('outbound', `/api/partners/${encodeURIComponent(name)}/switches`)),
      api(svc('outbound', `/api/partners/${encodeURIComponent(name)}/endpoints`))]);
    const bucket = el('input', { placeholder: 'bucket id', id: `switch-bucket-${name}` });
    view.append(el('div', { class: 'card', 'data-partner': name },
      el('h2', {}, name, el('span', { class: 'muted' }, partner.circuit ? ` · circuit ${partner.circuit}` : '')),
      table(['Endpoint', 'URL', 'Weight'], endpoints.map(e => el('tr', {}, el('td', {}, e.label ?? e.name ?? ''), el('td', { class: 'wrap' }, e.url), el('td', {}, e.weight)))),
      el('h2', {}, 'Buckets switched off'),
      table(['Bucket', 'Reason', 'By', 'Since', ''], switches.map(s => el('tr', { 'data-bucket': s.bucketId },
        el('td', {}, s.bucketId), el('td', {}, s.reason ?? ''), el('td', {}, s.updatedBy ?? ''), el('td', {}, when(s.updatedAt)),
        el('td', {}, can('OPERATOR') ? action('Turn on', () => setSwitch(name, s.bucketId, true), { id: `switch-on-${name}-${s.bucketId}` }) : null))),
        'Every bucket is on.'),
      can('OPERATOR') ? el('div', { class: 'filters' }, bucket,
        action('Turn off for bucket', () => setSwitch(name, bucket.value.trim(), false), { id: `switch-off-${name}` })) : null));
  }
}

async function setSwitch(partner, bucketId, enabled) {
  if (!bucketId) throw new Error('Enter a bucket id');
  await api(svc('outbound', `/api/partners/${encodeURIComponent(partner)}/buckets/${encodeURIComponent(bucketId)}/switch`),
    { method: 'PUT', body: { enabled, reason: `${enabled ? 'on' : 'off'} from the console by ${me.name}` } });
  return `${partner}: bucket ${bucketId} switched ${enabled ? 'on' : 'off'}`;
}

async function s3Page(view) {
  const p = params();
  const buckets = await api('/api/s3/buckets');
  const list = Array.isArray(buckets) ? buckets : (buckets.buckets || []);
  view.append(el('h1', {}, 'S3'),
    el('div', { class: 'filters' }, list.flatMap(b => (b.prefixes || ['']).map(prefix =>
      el('a', { class: 'button', href: `#/s3?bucket=${encodeURIComponent(b.name)}&prefix=${encodeURIComponent(prefix)}` }, `${b.name}/${prefix}`)))));
  const bucket = p.get('bucket');
  if (!bucket) return;
  const q = new URLSearchParams({ prefix: p.get('prefix') || '', maxKeys: PAGE });
  if (p.get('token')) q.set('continuationToken', p.get('token'));
  const page = await api(`/api/s3/buckets/${encodeURIComponent(bucket)}/objects?${q}`);
  const objects = page.objects || [];
  view.append(el('h2', {}, `${bucket}/${p.get('prefix') || ''}`),
    table(['Key', 'Size', 'Last modified', ''], objects.map(o => el('tr', { 'data-key': o.key },
      el('td', { class: 'wrap' }, o.key), el('td', {}, o.size), el('td', {}, when(o.lastModified)),
      el('td', {}, can('OPERATOR') ? el('a', { class: 'button download', href: downloadUrl(bucket, o.key) }, 'Download') : null))),
      'No objects under this prefix.'),
    el('div', { class: 'pager' },
      p.get('token') ? el('button', { onclick: () => navigate('s3', { bucket, prefix: p.get('prefix') }) }, '‹ First page') : null,
      page.nextContinuationToken ? el('button', { onclick: () => navigate('s3', { bucket, prefix: p.get('prefix'), token: page.nextContinuationToken }) }, 'Next ›') : null));
}

// ---------- routing ----------

const PAGES = { files: filesPage, file: filePage, deliveries: deliveriesPage, queues: queuesPage, queue: queuePage, alerts: alertsPage, partners: partnersPage, s3: s3Page };

async function render() {
  const name = (location.hash.replace(/^#\//, '').split('?')[0]) || 'files';
  const page = PAGES[name] || filesPage;
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === `#/${name}` || (name === 'file' && a.getAttribute('href') === '#/files') || (name === 'queue' && a.getAttribute('href') === '#/queues'));
  }
  const view = document.getElementById('view');
  const next = el('div', { id: 'page', 'data-page': name }, el('p', { class: 'muted' }, 'Loading…'));
  view.replaceChildren(next);
  try {
    const content = el('div', { id: 'content' });
    await page(content);
    next.replaceChildren(content);
  } catch (e) {
    next.replaceChildren(el('p', { class: 'muted' }, 'This page could not be loaded.'));
    banner(e.message);
  }
}

async function start() {
  try {
    me = await api('/api/me');
  } catch (e) {
    banner(e.message);
    return;
  }
  document.getElementById('who').textContent = `${me.name} (${me.roles.filter(r => ['VIEWER', 'OPERATOR', 'ADMIN'].includes(r)).map(r => r.toLowerCase()).join(', ')})`;
  document.getElementById('logout-csrf').value = me.csrfToken || '';
  window.addEventListener('hashchange', () => { banner(null); render(); });
  await render();
}

start();
