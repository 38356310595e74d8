// Tender's admin console: one page, plain DOM, talking to /api with the admin's session cookie.
// Every text from the API is put in the page as text (textContent), never parsed as HTML.
'use strict';

const state = { session: null, locations: [], methods: [], providers: [] };
const METHOD_ORDER = ['booking-prepayment', 'payment-link', 'online-sales'];

// ---- DOM ----------------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = true;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function show(...nodes) {
  const view = document.getElementById('view');
  view.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  view.focus({ preventScroll: true });
}

function field(label, input, hint) {
  const name = input.getAttribute('data-field');
  return h('label', { class: 'field' }, label, hint ? h('span', { class: 'hint' }, hint) : null, input,
    h('span', { class: 'error', 'data-error-for': name, role: 'alert' }));
}

function check(label, input) {
  return h('label', { class: 'check' }, input, label,
    h('span', { class: 'error', 'data-error-for': input.getAttribute('data-field') }));
}

function input(name, attrs) {
  return h('input', { name, id: 'f-' + name.replace(/[^a-zA-Z0-9_-]/g, '-'), 'data-field': name, ...attrs });
}

function select(name, options, selected, attrs) {
  return h('select', { name, id: 'f-' + name.replace(/[^a-zA-Z0-9_-]/g, '-'), 'data-field': name, ...attrs },
    options.map(([value, label]) => h('option', { value, selected: value === selected ? 'selected' : null }, label)));
}

// ---- API ----------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && problem.detail) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

async function call(method, path, body, headers) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...(headers || {}) } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && state.session && state.session.csrfToken) init.headers['X-CSRF-Token'] = state.session.csrfToken;
  const response = await fetch('/api/' + path, init);
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  const data = text && type.includes('json') ? JSON.parse(text) : text;
  if (response.status === 401 && path !== 'session') {
    state.session = null;
    location.hash = '#/login';
    throw new ApiError(401, { detail: 'Your session ended. Please sign in again.' });
  }
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: text });
  return { data, etag: response.headers.get('ETag') };
}

const api = {
  get: async (path) => (await call('GET', path)).data,
  send: async (method, path, body, headers) => (await call(method, path, body, headers)).data,
};

function newKey() {
  return (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random().toString(16).slice(2);
}

// ---- money: integer minor units in, text out; text in, integer minor units out (never a float) ---

function digits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch (e) {
    return 2;
  }
}

function money(minor, currency) {
  const d = digits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(d + 1, '0');
  return sign + (d ? text.slice(0, -d) + '.' + text.slice(-d) : text) + ' ' + currency;
}

/** @return the amount typed as "12.50" in minor units, or null if it is not an amount */
function minorUnits(text, currency) {
  const d = digits(currency);
  const match = /^\s*(\d{1,12})(?:[.,](\d*))?\s*$/.exec(text || '');
  if (!match || (match[2] || '').length > d) return null;
  return Number(match[1] + (match[2] || '').padEnd(d, '0'));
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

// ---- errors next to the fields that caused them ----------------------------------------------------

function clearErrors(form) {
  form.querySelectorAll('[data-error-for]').forEach((e) => { e.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  form.querySelectorAll('.alert, .success').forEach((e) => e.remove());
}

function showError(form, error) {
  const problem = error.problem || {};
  let placed = false;
  for (const fault of problem.errors || []) {
    const names = [fault.field, String(fault.field).replace(/^settings\./, ''), String(fault.field).replace(/^options\./, '')];
    for (const name of names) {
      const slot = form.querySelector('[data-error-for="' + CSS.escape(name) + '"]');
      if (slot) {
        slot.textContent = fault.reason;
        const control = form.querySelector('[data-field="' + CSS.escape(name) + '"]');
        if (control) {
          control.setAttribute('aria-invalid', 'true');
          if (!placed) control.focus();
        }
        placed = true;
        break;
      }
    }
  }
  const message = error.status === 412
    ? 'Someone else saved these settings meanwhile; nothing was changed. Reload the page to see their version.'
    : error.status === 403 ? 'Not allowed: ' + error.message
      : placed ? 'Please correct the highlighted fields.' : error.message;
  say(form, h('div', { class: 'alert', role: 'alert' }, message));
}

function ok(form, message) {
  say(form, h('div', { class: 'success', role: 'status' }, message));
}

/** Puts a form's message just above its buttons, where the admin's eyes are after pressing one. */
function say(form, message) {
  const actions = [...form.querySelectorAll('.actions')].pop();
  if (actions && actions.parentNode === form) form.insertBefore(message, actions);
  else form.prepend(message);
  message.scrollIntoView({ block: 'nearest' });
}

/** Runs a form's submit with its errors shown next to its fields. */
function submitting(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const buttons = [...form.querySelectorAll('button[type=submit]')];
    const wasDisabled = buttons.map((b) => b.disabled);
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await action();
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(error);
      showError(form, error instanceof ApiError ? error : new ApiError(0, { detail: String(error.message || error) }));
    } finally {
      buttons.forEach((b, i) => { b.disabled = wasDisabled[i]; });
    }
  });
  return form;
}

// ---- who may do what ------------------------------------------------------------------------------

function isOwner() {
  return state.session && state.session.role === 'OWNER';
}

function canWrite() {
  const s = state.session;
  return !!s && (s.role === 'OWNER' || (s.role === 'LOCATION_ADMIN' && s.locations.includes(currentLocation())));
}

function currentLocation() {
  const match = /^#\/l\/([^/]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : (state.locations[0] && state.locations[0].id);
}

function readOnlyNote() {
  return canWrite() ? null : h('p', { class: 'note', role: 'note' }, 'You can see these settings but not change them (role ',
    state.session.role, ').');
}

function locationName(id) {
  const found = state.locations.find((l) => l.id === id);
  return found ? found.name : id;
}

// ---- chrome -------------------------------------------------------------------------------------

function renderBar(route) {
  const bar = document.getElementById('bar');
  bar.hidden = !state.session;
  if (!state.session) return;
  document.getElementById('who').textContent = state.session.email + ' (' + state.session.role.toLowerCase().replace('_', ' ') + ')';
  const picker = document.getElementById('location');
  const loc = currentLocation();
  picker.replaceChildren(...state.locations.map((l) => h('option', { value: l.id, selected: l.id === loc ? 'selected' : null },
    l.name)));
  picker.disabled = state.locations.length === 0;
  const here = loc ? '#/l/' + encodeURIComponent(loc) : null;
  const links = [];
  if (here) {
    links.push(['online-payments', here + '/online-payments', 'Online payments'],
      ['payments', here + '/payments', 'Payments'], ['links', here + '/links', 'Payment links'], ['audit', here + '/audit', 'Audit log']);
  }
  if (isOwner()) links.push(['locations', '#/locations', 'Locations'], ['users', '#/users', 'Users & keys'], ['ops', '#/ops', 'Ops']);
  document.getElementById('nav').replaceChildren(...links.map(([key, href, label]) =>
    h('a', { href, 'aria-current': route === key ? 'page' : null }, label)));
}

// ---- pages --------------------------------------------------------------------------------------

function loginPage() {
  const email = input('email', { type: 'email', autocomplete: 'username', required: true });
  const password = input('password', { type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'stack panel', id: 'login' },
    h('h1', {}, 'Sign in to Tender'),
    field('Email', email), field('Password', password),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
    h('p', { class: 'hint' }, 'First start? Create the owner with ', h('code', {}, 'bin/tender --owner you@example.com'), '.'));
  submitting(form, async () => {
    const session = await call('POST', 'session', { email: email.value, password: password.value });
    state.session = session.data;
    await loadContext();
    location.hash = '#/';
  });
  show(h('div', { style: null }, form));
  email.focus();
}

async function onlinePaymentsPage(loc) {
  const [settings, connections] = await Promise.all([api.get(`locations/${enc(loc)}/methods`),
    api.get(`locations/${enc(loc)}/connections`)]);
  const byMethod = Object.fromEntries(settings.map((s) => [s.methodId, s]));
  const health = Object.fromEntries(await Promise.all(connections.map(async (c) =>
    [c.id, await api.get(`locations/${enc(loc)}/connections/${enc(c.id)}/health`)])));
  const cards = orderedMethods().map((method) => {
    const setting = byMethod[method.id] || { enabled: false };
    const connection = connections.find((c) => c.id === setting.connectionId);
    const provider = connection && state.providers.find((p) => p.id === connection.providerId);
    let badge;
    if (!connection) badge = h('span', { class: 'badge' }, 'Not connected');
    else if (!provider) badge = h('span', { class: 'badge bad' }, 'Provider not installed');
    else if (setting.enabled) badge = h('span', { class: 'badge on' }, 'On');
    else badge = h('span', { class: 'badge warn' }, 'Off');
    return h('section', { class: 'card', 'data-method': method.id, 'aria-labelledby': 'card-' + method.id },
      h('h2', { id: 'card-' + method.id }, method.title),
      h('p', {}, badge, ' ', connection ? h('span', { class: 'muted' }, 'via ', connection.name,
        provider ? ' (' + provider.displayName + ')' : '') : null),
      h('p', { class: 'muted' }, method.summary),
      h('p', { class: 'actions' },
        connection ? null : h('a', { class: 'button primary', href: `#/l/${enc(loc)}/connect?method=${enc(method.id)}` }, 'Connect'),
        h('a', { class: connection ? 'button primary' : 'button', href: `#/l/${enc(loc)}/methods/${enc(method.id)}` }, 'Set up'),
        h('button', { type: 'button', class: 'link', onclick: () => howItWorks(method, provider) }, 'How it works')));
  });
  const connected = [...new Set(connections.map((c) => state.providers.find((p) => p.id === c.providerId)).filter(Boolean))];
  const fees = connected.length ? connected : state.providers;
  show(h('p', { class: 'crumb' }, 'Finance › Online payments'),
    h('h1', {}, 'Online payments at ', locationName(loc)),
    h('div', { class: 'note' }, h('strong', {}, 'Tender takes no fee. '), 'Only your payment provider\'s fee applies.',
      fees.map((p) => h('div', { class: 'hint' }, p.displayName, ': ', p.feeNote || 'see the provider\'s pricing'))),
    h('div', { class: 'cards' }, cards),
    h('h2', {}, 'Connections'),
    connections.length ? h('ul', { id: 'connections' }, connections.map((c) => h('li', {}, c.name, ' — ', providerName(c.providerId),
      h('span', { class: 'muted' }, ' (', c.id, ')'), ' ', healthOf(health[c.id]))))
      : h('p', { class: 'muted' }, 'No provider is connected yet.'),
    canWrite() ? h('p', {}, h('a', { class: 'button', href: `#/l/${enc(loc)}/connect` }, 'Connect a provider')) : null);
}

/** A connection's recent calls in a few words: how many failed, and when it last answered. */
function healthOf(health) {
  if (!health || health.recentCalls === 0) return h('span', { class: 'badge' }, 'no calls yet');
  const cls = health.errorPercent === 0 ? 'badge on' : health.errorPercent < 20 ? 'badge warn' : 'badge bad';
  return h('span', { class: cls, title: health.lastFailure || '' }, health.errorPercent, '% of the last ', health.recentCalls,
    ' calls failed', health.lastSuccessAt ? ' · last answer ' + when(health.lastSuccessAt) : '');
}

function howItWorks(method, provider) {
  document.getElementById('dialog-title').textContent = method.title + ': how it works';
  document.getElementById('dialog-body').replaceChildren(
    h('p', {}, method.howItWorks || method.summary),
    method.examples && method.examples.length ? h('div', {}, h('h3', {}, 'Examples'),
      h('ul', {}, method.examples.map((e) => h('li', {}, e)))) : null,
    h('p', { class: 'note' }, 'Tender takes no fee; only the partner\'s fee applies.',
      provider && provider.feeNote ? h('span', {}, ' ', provider.displayName, ': ', provider.feeNote) : null));
  document.getElementById('dialog').showModal();
}

function orderedMethods() {
  return [...state.methods].sort((a, b) => rank(a.id) - rank(b.id));
}

function rank(id) {
  const i = METHOD_ORDER.indexOf(id);
  return i < 0 ? 99 : i;
}

function providerName(id) {
  const p = state.providers.find((x) => x.id === id);
  return p ? p.displayName : id + ' (not installed)';
}

function enc(text) {
  return encodeURIComponent(text);
}

async function connectPage(loc, params) {
  const methodId = params.get('method');
  const method = state.methods.find((m) => m.id === methodId);
  const chooser = h('div', { class: 'cards', role: 'radiogroup', 'aria-label': 'Installed providers' },
    state.providers.map((p) => h('label', { class: 'card' },
      h('span', { class: 'check' }, h('input', { type: 'radio', name: 'provider', value: p.id, onchange: () => renderForm(p) }),
        p.displayName),
      h('span', { class: 'hint' }, 'Version ', p.version, ' · ', p.currencies.join(', ') || 'any currency'),
      h('span', { class: 'hint' }, p.feeNote || ''))));
  const formSlot = h('div', {});
  show(h('p', { class: 'crumb' }, 'Finance › Online payments › Connect'),
    h('h1', {}, 'Connect a payment provider to ', locationName(loc)),
    method ? h('p', { class: 'muted' }, 'For ', method.title, '.') : null,
    readOnlyNote(), h('h2', {}, '1. Pick a provider'), chooser, formSlot);

  async function renderForm(provider) {
    const form = await api.get(`providers/${enc(provider.id)}/form`);
    const key = newKey();
    const name = input('name', { value: provider.displayName, required: true, maxlength: 200 });
    const controls = form.fields.map((f) => {
      const def = f.defaultValue[0];
      let control;
      if (f.choices.length) control = select('settings.' + f.id, f.choices.map((c) => [c.value, c.label]), def);
      else if (f.type === 'boolean') control = input('settings.' + f.id, { type: 'checkbox', checked: def === 'true' });
      else control = input('settings.' + f.id, {
        type: f.secret || f.type === 'password' ? 'password' : f.type === 'integer' || f.type === 'number' ? 'number' : 'text',
        value: f.secret ? null : def, required: f.required, autocomplete: 'off',
      });
      control.dataset.id = f.id;
      control.dataset.type = f.type;
      const label = f.name + (f.required ? ' *' : '');
      return f.type === 'boolean' ? check(label, control) : field(label, control, f.description);
    });
    const el = h('form', { class: 'stack panel', id: 'connect-form' },
      h('h2', {}, '2. ', form.title), form.description ? h('p', { class: 'muted' }, form.description) : null,
      field('Connection name', name, 'How this connection is called in Tender'), controls,
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: !canWrite() }, 'Connect and check'),
        h('span', { class: 'hint' }, 'Secrets are stored encrypted and never shown again.')));
    submitting(el, async () => {
      const settings = {};
      el.querySelectorAll('[data-id]').forEach((c) => {
        if (c.type === 'checkbox') settings[c.dataset.id] = String(c.checked);
        else if (c.value !== '') settings[c.dataset.id] = c.value;
      });
      const connection = await api.send('POST', `locations/${enc(loc)}/connections`,
        { providerId: provider.id, name: name.value, settings }, { 'Idempotency-Key': key });
      el.replaceChildren(h('div', { class: 'success', role: 'status' }, 'Connected: ', provider.displayName,
        ' accepted the credentials. ', connection.name, ' is ready.'),
      h('p', { class: 'actions' }, orderedMethods().map((m) => h('a', {
        class: m.id === methodId ? 'button primary' : 'button',
        href: `#/l/${enc(loc)}/methods/${enc(m.id)}?connection=${enc(connection.id)}`,
      }, 'Use for ', m.title))));
    });
    formSlot.replaceChildren(el);
    el.querySelector('input:not([type=hidden])').focus();
  }
  if (state.providers.length === 1) {
    chooser.querySelector('input').checked = true;
    renderForm(state.providers[0]);
  }
}

async function methodPage(loc, methodId, params) {
  const method = state.methods.find((m) => m.id === methodId);
  if (!method) throw new ApiError(404, { detail: 'No payment method "' + methodId + '" is installed.' });
  const [read, connections] = await Promise.all([call('GET', `locations/${enc(loc)}/methods/${enc(methodId)}`),
    api.get(`locations/${enc(loc)}/connections`)]);
  let etag = read.etag;
  const setting = read.data;
  const chosen = params.get('connection') || setting.connectionId || '';
  const enabled = input('enabled', { type: 'checkbox', checked: setting.enabled || !!params.get('connection') });
  const connection = select('connectionId', [['', '— none —'], ...connections.map((c) => [c.id, c.name + ' (' + providerName(c.providerId) + ')'])],
    chosen);
  const options = { ...(setting.options || {}) };
  const extra = methodId === 'booking-prepayment' ? await prepaymentRules(loc, options) : { nodes: [], collect: () => options };
  const form = h('form', { class: 'stack panel', id: 'method-form' },
    check('Switched on for clients', enabled),
    field('Payment provider connection', connection, 'Each method uses one connection; others may use another provider.'),
    h('p', { class: 'hint' }, h('a', { href: `#/l/${enc(loc)}/connect?method=${enc(methodId)}` }, 'Connect another provider')),
    extra.nodes,
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: !canWrite() }, 'Save')));
  submitting(form, async () => {
    const saved = await call('PUT', `locations/${enc(loc)}/methods/${enc(methodId)}`,
      { enabled: enabled.checked, connectionId: connection.value || null, options: extra.collect() }, etag ? { 'If-Match': etag } : {});
    etag = saved.etag;
    ok(form, 'Saved. ' + method.title + ' is ' + (saved.data.enabled ? 'on' : 'off') + '.');
  });
  const more = methodId === 'payment-link' ? await linkSettingsPanel(loc)
    : methodId === 'online-sales' ? await salesPanel(loc) : null;
  show(h('p', { class: 'crumb' }, 'Finance › Online payments › ', method.title),
    h('h1', {}, method.title, ' at ', locationName(loc)),
    h('p', { class: 'muted' }, method.summary, ' ',
      h('button', { type: 'button', class: 'link', onclick: () => howItWorks(method) }, 'How it works')),
    readOnlyNote(), form, more);
  if (!canWrite()) form.querySelectorAll('input, select, textarea').forEach((c) => { c.disabled = true; });
}

async function prepaymentRules(loc, options) {
  const [services, employees] = await Promise.all([api.get(`locations/${enc(loc)}/services`), api.get(`locations/${enc(loc)}/employees`)]);
  const serviceRules = options.services || {};
  const rows = services.map((s) => {
    const rule = serviceRules[s.id] || {};
    const amount = rule.amount || 'FULL';
    const value = rule.value === undefined || rule.value === null ? ''
      : amount === 'FIXED' ? money(rule.value, s.currency).split(' ')[0] : String(rule.value);
    return h('tr', { 'data-service': s.id },
      h('td', {}, s.name, h('div', { class: 'hint' }, money(s.price, s.currency))),
      h('td', {}, select(`services.${s.id}.mode`, [['', 'not set'], ['OFF', 'Off'], ['OPTIONAL', 'Optional'], ['REQUIRED', 'Required']],
        rule.mode || '', { 'aria-label': 'Prepayment for ' + s.name })),
      h('td', {}, select(`services.${s.id}.amount`, [['FULL', 'Full price'], ['PERCENT', 'Percentage'], ['FIXED', 'Fixed amount']], amount,
        { 'aria-label': 'Amount for ' + s.name })),
      h('td', {}, input(`services.${s.id}.value`, { value, size: 8, inputmode: 'decimal', 'aria-label': 'Percent or amount for ' + s.name }),
        h('span', { class: 'error', 'data-error-for': `services.${s.id}.value` })));
  });
  const employeeRules = options.employees || {};
  const employeeRows = employees.map((e) => h('tr', {}, h('td', {}, e.name),
    h('td', {}, select(`employees.${e.id}.mode`, [['', 'not set'], ['OFF', 'Off'], ['OPTIONAL', 'Optional'], ['REQUIRED', 'Required (full price)']],
      (employeeRules[e.id] || {}).mode || '', { 'aria-label': 'Prepayment with ' + e.name }))));
  const segments = options.segments || {};
  const cancellation = options.cancellation || {};
  const newClients = input('segments.newClients', { type: 'checkbox', checked: !!segments.newClients });
  const noShows = input('segments.noShowClients', { type: 'checkbox', checked: !!segments.noShowClients });
  const currency = services.length ? services[0].currency : 'EUR';
  const above = input('segments.bookingsAbove', { inputmode: 'decimal',
    value: segments.bookingsAbove != null ? money(segments.bookingsAbove, currency).split(' ')[0] : '' });
  const hold = input('holdMinutes', { type: 'number', min: 1, value: options.holdMinutes != null ? options.holdMinutes : 15 });
  const fullHours = input('cancellation.fullRefundHours', { type: 'number', min: 0, value: cancellation.fullRefundHours != null ? cancellation.fullRefundHours : '' });
  const latePercent = input('cancellation.lateRefundPercent', { type: 'number', min: 0, max: 100, value: cancellation.lateRefundPercent != null ? cancellation.lateRefundPercent : '' });
  const nodes = [
    h('h2', {}, 'Services'),
    services.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Service'), h('th', {}, 'Prepayment'),
      h('th', {}, 'Amount'), h('th', {}, 'Percent or amount'))), h('tbody', {}, rows)))
      : h('p', { class: 'muted' }, 'No services yet: your booking system pushes them to Tender.'),
    h('h2', {}, 'Employees'),
    employees.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Employee'), h('th', {}, 'Prepayment'))),
      h('tbody', {}, employeeRows))) : h('p', { class: 'muted' }, 'No employees yet.'),
    h('h2', {}, 'Who prepays'),
    h('p', { class: 'hint' }, 'Leave all unset and everyone prepays where a rule asks for it.'),
    check('New clients', newClients), check('Clients who missed a visit', noShows),
    field('Bookings above (' + currency + ')', above, 'e.g. 100.00; empty for no limit'),
    h('h2', {}, 'Hold and cancellation'),
    field('Minutes an unpaid booking is held', hold),
    field('Full refund when cancelled at least this many hours ahead', fullHours),
    field('Refund (percent) for a later cancellation', latePercent),
  ];
  function collect() {
    const next = { ...options };
    const rules = {};
    for (const s of services) {
      const mode = document.querySelector(`[data-field="services.${CSS.escape(s.id)}.mode"]`).value;
      if (!mode) continue;
      const amount = document.querySelector(`[data-field="services.${CSS.escape(s.id)}.amount"]`).value;
      const raw = document.querySelector(`[data-field="services.${CSS.escape(s.id)}.value"]`).value.trim();
      const rule = { mode, amount };
      if (amount === 'PERCENT') rule.value = raw === '' ? null : Number(raw);
      if (amount === 'FIXED') {
        rule.value = minorUnits(raw, s.currency);
        if (rule.value === null) throw new ApiError(400, { detail: 'Check the amounts', errors: [{ field: `services.${s.id}.value`, reason: 'type an amount such as 12.50' }] });
      }
      rules[s.id] = rule;
    }
    next.services = rules;
    const staff = {};
    for (const e of employees) {
      const mode = document.querySelector(`[data-field="employees.${CSS.escape(e.id)}.mode"]`).value;
      if (mode) staff[e.id] = { mode };
    }
    next.employees = staff;
    const seg = { newClients: newClients.checked, noShowClients: noShows.checked };
    if (above.value.trim() !== '') {
      seg.bookingsAbove = minorUnits(above.value, currency);
      if (seg.bookingsAbove === null) throw new ApiError(400, { errors: [{ field: 'segments.bookingsAbove', reason: 'type an amount such as 100.00' }] });
    }
    if (seg.newClients || seg.noShowClients || seg.bookingsAbove !== undefined) next.segments = seg; else delete next.segments;
    next.holdMinutes = Number(hold.value);
    const policy = {};
    if (fullHours.value !== '') policy.fullRefundHours = Number(fullHours.value);
    if (latePercent.value !== '') policy.lateRefundPercent = Number(latePercent.value);
    if (Object.keys(policy).length) next.cancellation = policy; else delete next.cancellation;
    return next;
  }
  return { nodes, collect };
}

async function linkSettingsPanel(loc) {
  const read = await call('GET', `locations/${enc(loc)}/link-settings`);
  let etag = read.etag;
  const s = read.data;
  const expiry = input('expiryHours', { type: 'number', min: 1, value: s.expiryHours });
  const sms = h('textarea', { name: 'sms', 'data-field': 'sms', rows: 2 }, s.sms || '');
  const subject = input('emailSubject', { value: s.emailSubject || '' });
  const body = h('textarea', { name: 'emailBody', 'data-field': 'emailBody', rows: 4 }, s.emailBody || '');
  const messenger = h('textarea', { name: 'messenger', 'data-field': 'messenger', rows: 2 }, s.messenger || '');
  const form = h('form', { class: 'stack panel', id: 'link-settings-form' },
    h('h2', {}, 'Link defaults and messages'),
    h('p', { class: 'hint' }, 'Placeholders: {business} {amount} {items} {link} {expires}'),
    field('Links expire after (hours)', expiry), field('SMS text', sms), field('Email subject', subject), field('Email text', body),
    field('Messenger text', messenger),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: !canWrite() }, 'Save messages'),
      h('a', { class: 'button', href: `#/l/${enc(loc)}/links` }, 'Create a payment link')));
  submitting(form, async () => {
    const saved = await call('PUT', `locations/${enc(loc)}/link-settings`, { expiryHours: Number(expiry.value), sms: sms.value,
      emailSubject: subject.value, emailBody: body.value, messenger: messenger.value }, etag ? { 'If-Match': etag } : {});
    etag = saved.etag;
    ok(form, 'Saved.');
  });
  return form;
}

async function salesPanel(loc) {
  const items = await api.get(`locations/${enc(loc)}/sales`);
  const id = input('id', { required: true, pattern: '[a-z0-9][a-z0-9-]*', placeholder: 'gift-50' });
  const kind = select('kind', [['GIFT_CARD', 'Gift card'], ['MEMBERSHIP', 'Membership']], 'GIFT_CARD');
  const name = input('name', { required: true });
  const currency = input('currency', { value: 'EUR', size: 4, maxlength: 3 });
  const price = input('price', { inputmode: 'decimal', required: true, placeholder: '50.00' });
  const maxPrice = input('maxPrice', { inputmode: 'decimal', placeholder: 'for a gift card of any amount' });
  const days = input('validityDays', { type: 'number', min: 1, value: 365 });
  const visits = input('visits', { type: 'number', min: 1, value: 10 });
  const form = h('form', { class: 'stack panel', id: 'sale-form' },
    h('h2', {}, 'Add or change an item'),
    h('div', { class: 'row' }, field('Item id', id), field('Kind', kind)), field('Name', name),
    h('div', { class: 'row' }, field('Price', price), field('Up to (optional)', maxPrice), field('Currency', currency)),
    h('div', { class: 'row' }, field('Valid for (days)', days), field('Visits (membership)', visits)),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: !canWrite() }, 'Save item')));
  submitting(form, async () => {
    const cur = currency.value.toUpperCase();
    const minor = minorUnits(price.value, cur);
    if (minor === null) throw new ApiError(400, { errors: [{ field: 'price', reason: 'type an amount such as 50.00' }] });
    const body = { kind: kind.value, name: name.value, price: minor, currency: cur };
    if (maxPrice.value.trim()) {
      body.maxPrice = minorUnits(maxPrice.value, cur);
      if (body.maxPrice === null) throw new ApiError(400, { errors: [{ field: 'maxPrice', reason: 'type an amount such as 200.00' }] });
    }
    // Terms the form does not show (dates, services, locations) are kept as they were.
    const kept = (kind.value === 'GIFT_CARD' ? editing.giftCard : editing.membership) || {};
    const terms = { ...kept };
    if (!kept.validUntil) terms.validityDays = Number(days.value);
    if (kind.value === 'GIFT_CARD') body.giftCard = terms;
    else {
      if (!kept.serviceVisits) terms.visits = Number(visits.value);
      body.membership = terms;
    }
    if (editing.description) body.description = editing.description;
    await call('PUT', `locations/${enc(loc)}/sales/${enc(id.value)}`, body, editing.etag ? { 'If-Match': editing.etag } : {});
    route();
  });
  // Editing loads the item with its version: saving over someone else's later change is refused, not silent.
  let editing = {};
  async function edit(itemId) {
    const read = await call('GET', `locations/${enc(loc)}/sales/${enc(itemId)}`);
    const item = read.data;
    editing = { etag: read.etag, giftCard: item.giftCard, membership: item.membership, description: item.description };
    id.value = item.id;
    id.readOnly = true;
    kind.value = item.kind;
    name.value = item.name;
    currency.value = item.currency;
    price.value = money(item.price, item.currency).split(' ')[0];
    maxPrice.value = item.maxPrice > item.price ? money(item.maxPrice, item.currency).split(' ')[0] : '';
    const terms = item.giftCard || item.membership || {};
    if (terms.validityDays) days.value = terms.validityDays;
    if (item.membership && item.membership.visits) visits.value = item.membership.visits;
    form.querySelector('h2').textContent = 'Change ' + item.name;
    name.focus();
  }
  return h('section', {}, h('h2', {}, 'Online sales catalogue'),
    items.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Item'), h('th', {}, 'Kind'),
      h('th', { class: 'num' }, 'Price'), h('th', {}, 'On sale'), h('th', {}, ''))),
    h('tbody', {}, items.map((i) => h('tr', {}, h('td', {}, i.name, h('div', { class: 'hint' }, i.id)), h('td', {}, i.kind === 'MEMBERSHIP' ? 'Membership' : 'Gift card'),
      h('td', { class: 'num' }, money(i.price, i.currency), i.maxPrice > i.price ? ' – ' + money(i.maxPrice, i.currency) : ''),
      h('td', {}, i.active ? 'Yes' : 'No'),
      h('td', {}, canWrite() ? h('button', { type: 'button', 'data-edit': i.id, onclick: () => edit(i.id) }, 'Edit') : null))))))
      : h('p', { class: 'muted' }, 'Nothing is sold online yet.'),
    h('p', {}, h('a', { href: '/shop/' + enc(loc), target: '_blank', rel: 'noopener' }, 'Open the shop page')),
    form);
}

async function paymentsPage(loc, params) {
  const query = new URLSearchParams({ locationId: loc, limit: '25' });
  for (const key of ['status', 'methodId', 'client', 'from', 'to', 'cursor']) {
    if (params.get(key)) query.set(key, key === 'from' || key === 'to' ? new Date(params.get(key)).toISOString() : params.get(key));
  }
  const [page, attention] = await Promise.all([api.get('payments?' + query), api.get('payments/attention?locationId=' + enc(loc))]);
  const status = select('status', [['', 'Any status'], ...['PENDING', 'REQUIRES_ACTION', 'SUCCEEDED', 'FAILED', 'CANCELED', 'REFUNDED',
    'PARTIALLY_REFUNDED', 'EXPIRED'].map((s) => [s, s.toLowerCase().replace('_', ' ')])], params.get('status') || '');
  const method = select('methodId', [['', 'Any method'], ...orderedMethods().map((m) => [m.id, m.title])], params.get('methodId') || '');
  const client = input('client', { value: params.get('client') || '', placeholder: 'email' });
  const from = input('from', { type: 'date', value: params.get('from') || '' });
  const to = input('to', { type: 'date', value: params.get('to') || '' });
  const filters = h('form', { class: 'filters', id: 'payment-filters', onsubmit: (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const c of [status, method, client, from, to]) if (c.value) next.set(c.name, c.value);
    location.hash = `#/l/${enc(loc)}/payments?` + next;
  } }, h('label', {}, 'Status', status), h('label', {}, 'Method', method), h('label', {}, 'Client', client),
  h('label', {}, 'From', from), h('label', {}, 'Before', to), h('button', { type: 'submit' }, 'Filter'));
  const rows = page.payments.map((p) => h('tr', { 'data-payment': p.id },
    h('td', {}, h('a', { href: `#/l/${enc(loc)}/payments/${enc(p.id)}` }, when(p.createdAt))),
    h('td', {}, methodTitle(p.methodId)), h('td', {}, p.customerEmail || p.reference || ''),
    h('td', { class: 'num' }, money(p.amount, p.currency)),
    h('td', { class: 'num' }, p.refunded ? money(p.refunded, p.currency) : ''),
    h('td', { class: 'status' }, statusBadge(p.status))));
  const next = new URLSearchParams(params);
  next.set('cursor', page.nextCursor || '');
  // Payments the janitor could not bring to an outcome: the admin looks them up at the provider.
  const needing = attention.length ? h('section', { class: 'panel warn', id: 'attention' },
    h('h2', {}, attention.length === 1 ? 'One payment needs your attention' : `${attention.length} payments need your attention`),
    h('p', { class: 'muted' }, 'Tender asked their provider several times over a day and they are still open, or the provider could not be asked. '
      + 'Look them up in the provider\'s dashboard; each timeline says why.'),
    h('ul', {}, attention.map((p) => h('li', { 'data-attention': p.id }, h('a', { href: `#/l/${enc(loc)}/payments/${enc(p.id)}` },
      when(p.createdAt)), ' · ', money(p.amount, p.currency), ' · ', statusBadge(p.status))))) : null;
  show(h('p', { class: 'crumb' }, 'Finance › Payments'), h('h1', {}, 'Payments at ', locationName(loc)), needing, filters,
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'payments' }, h('thead', {}, h('tr', {}, h('th', {}, 'Created'),
      h('th', {}, 'Method'), h('th', {}, 'Client'), h('th', { class: 'num' }, 'Amount'), h('th', { class: 'num' }, 'Refunded'), h('th', {}, 'Status'))),
    h('tbody', {}, rows))) : h('p', { class: 'muted' }, 'No payments match.'),
    page.nextCursor ? h('p', {}, h('a', { class: 'button', href: `#/l/${enc(loc)}/payments?` + next }, 'Older payments')) : null);
}

function methodTitle(id) {
  const m = state.methods.find((x) => x.id === id);
  return m ? m.title : id;
}

function statusBadge(status) {
  const cls = status === 'SUCCEEDED' ? 'badge on' : status === 'FAILED' || status === 'CANCELED' || status === 'EXPIRED' ? 'badge bad'
    : status.includes('REFUNDED') ? 'badge warn' : 'badge';
  return h('span', { class: cls }, status.toLowerCase().replace('_', ' '));
}

async function paymentPage(loc, id) {
  const [p, events] = await Promise.all([api.get('payments/' + enc(id)), api.get('payments/' + enc(id) + '/events')]);
  const left = p.amount - p.refunded;
  const amount = input('amount', { inputmode: 'decimal', value: money(left, p.currency).split(' ')[0], size: 10 });
  const key = newKey();
  const refund = h('form', { class: 'stack panel', id: 'refund-form' }, h('h2', {}, 'Refund'),
    field('Amount (' + p.currency + ')', amount, 'Up to ' + money(left, p.currency)),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', disabled: !canWrite() }, 'Refund')));
  submitting(refund, async () => {
    const minor = minorUnits(amount.value, p.currency);
    if (minor === null) throw new ApiError(400, { errors: [{ field: 'amount', reason: 'type an amount such as 12.50' }] });
    await api.send('POST', `payments/${enc(id)}/refunds`, { amount: minor, currency: p.currency }, { 'Idempotency-Key': key });
    route();
  });
  show(h('p', { class: 'crumb' }, 'Finance › Payments › ', p.id),
    h('h1', {}, money(p.amount, p.currency), ' ', statusBadge(p.status)),
    h('section', { class: 'panel' }, h('dl', { class: 'facts' },
      h('dt', {}, 'Method'), h('dd', {}, methodTitle(p.methodId)),
      h('dt', {}, 'Provider'), h('dd', {}, providerName(p.providerId), p.providerReference ? ' · ' + p.providerReference : ''),
      h('dt', {}, 'For'), h('dd', {}, p.purpose, ' ', p.reference || ''),
      h('dt', {}, 'Client'), h('dd', {}, p.customerEmail || '—'),
      h('dt', {}, 'Refunded'), h('dd', { id: 'refunded' }, money(p.refunded, p.currency)),
      h('dt', {}, 'Created'), h('dd', {}, when(p.createdAt)),
      p.failureReason ? [h('dt', {}, 'Failure'), h('dd', {}, p.failureReason)] : null)),
    h('h2', {}, 'Timeline'),
    h('ol', { class: 'timeline', id: 'timeline' }, events.map((e) => h('li', {}, h('strong', {}, e.type), ' → ', e.toStatus.toLowerCase(),
      e.amount != null ? ' · ' + money(e.amount, p.currency) : '', h('div', { class: 'hint' }, when(e.at), e.detail ? ' · ' + e.detail : '')))),
    left > 0 && (p.status === 'SUCCEEDED' || p.status === 'PARTIALLY_REFUNDED') ? refund : null);
}

async function linksPage(loc) {
  const links = await api.get(`locations/${enc(loc)}/links`);
  let key = newKey(); // one per link: a retry of the same submit replays, the next link is a new one
  const reference = input('reference', { required: true, placeholder: 'order-77' });
  const purpose = select('purpose', [['goods', 'Goods'], ['visit', 'A visit (reference = booking id)']], 'goods');
  const currency = input('currency', { value: 'EUR', size: 4, maxlength: 3 });
  const hours = input('expiresInHours', { type: 'number', min: 1, placeholder: 'default' });
  const itemRows = h('div', { id: 'items' });
  function addItem() {
    const n = itemRows.children.length;
    itemRows.append(h('div', { class: 'row' },
      field('Item', input(`items[${n}].name`, { required: true })),
      field('Quantity', input(`items[${n}].quantity`, { type: 'number', min: 1, value: 1 })),
      field('Unit price', input(`items[${n}].unitPrice`, { inputmode: 'decimal', required: true, placeholder: '12.50' }))));
  }
  addItem();
  const result = h('div', { id: 'link-result' });
  const form = h('form', { class: 'stack panel', id: 'link-form' }, h('h2', {}, 'New payment link'),
    h('div', { class: 'row' }, field('For', purpose), field('Reference', reference)), itemRows,
    h('p', {}, h('button', { type: 'button', onclick: addItem }, 'Add an item')),
    h('div', { class: 'row' }, field('Currency', currency), field('Expires after (hours)', hours)),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: !canWrite() }, 'Create link')));
  submitting(form, async () => {
    const cur = currency.value.toUpperCase();
    const items = [...itemRows.children].map((row, i) => {
      const unit = minorUnits(row.querySelector(`[data-field="items[${i}].unitPrice"]`).value, cur);
      if (unit === null) throw new ApiError(400, { errors: [{ field: `items[${i}].unitPrice`, reason: 'type an amount such as 12.50' }] });
      return { name: row.querySelector(`[data-field="items[${i}].name"]`).value,
        quantity: Number(row.querySelector(`[data-field="items[${i}].quantity"]`).value), unitPrice: unit };
    });
    const body = { purpose: purpose.value, reference: reference.value, currency: cur, items };
    if (hours.value) body.expiresInHours = Number(hours.value);
    const link = await api.send('POST', `locations/${enc(loc)}/links`, body, { 'Idempotency-Key': key });
    key = newKey();
    const messages = await api.get(`links/${enc(link.token)}/messages`);
    result.replaceChildren(linkResult(link, messages));
    result.scrollIntoView();
    result.querySelector('#copy-link').focus();
  });
  show(h('p', { class: 'crumb' }, 'Finance › Payment links'), h('h1', {}, 'Payment links at ', locationName(loc)), readOnlyNote(),
    form, result, h('h2', {}, 'Recent links'),
    links.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'links' }, h('thead', {}, h('tr', {}, h('th', {}, 'Reference'),
      h('th', { class: 'num' }, 'Amount'), h('th', {}, 'Status'), h('th', {}, 'Expires'), h('th', {}, 'Payment'))),
    h('tbody', {}, links.slice(0, 50).map((l) => h('tr', {}, h('td', {}, h('a', { href: l.url, target: '_blank', rel: 'noopener' }, l.reference)),
      h('td', { class: 'num' }, money(l.amount, l.currency)), h('td', {}, l.status.toLowerCase()), h('td', {}, when(l.expiresAt)),
      h('td', {}, l.paymentId ? h('a', { href: `#/l/${enc(loc)}/payments/${enc(l.paymentId)}` }, 'details') : '')))))) : h('p', { class: 'muted' }, 'No links yet.'));
}

function linkResult(link, messages) {
  const url = h('input', { id: 'link-url', readonly: true, value: link.url, 'aria-label': 'Link address', size: 50 });
  const copy = (text, button) => async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      url.select();
      document.execCommand('copy');
    }
    button.textContent = 'Copied';
  };
  const copyButton = h('button', { type: 'button', class: 'primary', id: 'copy-link' }, 'Copy link');
  copyButton.addEventListener('click', copy(link.url, copyButton));
  const text = (label, value) => {
    const b = h('button', { type: 'button' }, 'Copy');
    b.addEventListener('click', copy(value, b));
    return h('div', {}, h('label', { class: 'field' }, label, h('textarea', { readonly: true, rows: 3 }, value)), b);
  };
  return h('section', { class: 'panel', id: 'created-link' }, h('div', { class: 'success', role: 'status' }, 'Link created for ',
    money(link.amount, link.currency), '.'),
  h('div', { class: 'row' }, url, copyButton, h('a', { class: 'button', href: link.url, target: '_blank', rel: 'noopener', id: 'open-link' }, 'Open')),
  h('div', { class: 'row' }, h('div', { class: 'qr' }, h('img', { src: '/api/links/' + enc(link.token) + '/qr.svg', alt: 'QR code of the link' })),
    h('div', {}, text('SMS', messages.sms), text('Messenger', messages.messenger),
      text('Email', messages.emailSubject + '\n\n' + messages.emailBody))));
}

async function auditPage(loc) {
  const entries = await api.get(`locations/${enc(loc)}/audit?limit=100`);
  show(h('p', { class: 'crumb' }, 'Settings › Audit log'), h('h1', {}, 'Changes at ', locationName(loc)),
    entries.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'audit' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Who'),
      h('th', {}, 'What'), h('th', {}, 'Before'), h('th', {}, 'After'))),
    h('tbody', {}, entries.map((e) => h('tr', {}, h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.action, h('div', { class: 'hint' }, e.target)),
      h('td', {}, h('pre', {}, e.before ? JSON.stringify(e.before, null, 1) : '—')), h('td', {}, h('pre', {}, e.after ? JSON.stringify(e.after, null, 1) : '—')))))))
      : h('p', { class: 'muted' }, 'No change yet.'));
}

async function opsPage() {
  const [providers, methods, bundles, dead, unmatched] = await Promise.all([api.get('providers'), api.get('methods'),
    api.get('ops/providers'), api.get('ops/webhooks?state=DEAD&limit=50'), api.get('ops/webhooks?state=UNMATCHED&limit=50')]);
  const table = (id, head, rows) => h('div', { class: 'table-wrap' }, h('table', { id }, h('thead', {}, h('tr', {}, head.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows)));
  const file = h('input', { type: 'file', accept: '.jar', name: 'bundle', 'data-field': 'bundle', id: 'f-bundle' });
  const upload = h('form', { class: 'stack panel', id: 'deploy-form' }, h('h2', {}, 'Deploy a provider bundle'),
    field('Bundle (.jar)', file, 'A new file installs it; a file of the same name replaces (updates) it, and the old one is kept for a rollback.'),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Deploy')));
  submitting(upload, async () => {
    const chosen = file.files[0];
    if (!chosen) throw new ApiError(400, { errors: [{ field: 'bundle', reason: 'choose a .jar file' }] });
    const response = await fetch('/api/ops/providers/' + enc(chosen.name), { method: 'PUT', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/java-archive', 'X-CSRF-Token': state.session.csrfToken, Accept: 'application/json' },
      body: chosen });
    const data = await response.json();
    if (!response.ok) throw new ApiError(response.status, data);
    await loadContext();
    route();
  });
  const act = (label, cls, run) => h('button', { type: 'button', class: cls, onclick: async (event) => {
    event.target.disabled = true;
    try {
      await run();
      await loadContext();
      route();
    } catch (error) {
      event.target.disabled = false;
      alert(error.message);
    }
  } }, label);
  show(h('p', { class: 'crumb' }, 'Operations'), h('h1', {}, 'Providers and methods'),
    h('p', { class: 'muted' }, 'Provider bundles in deploy/: deploy, update, roll back or remove them while Tender runs. Calls to a provider wait for it while it is updated.'),
    table('provider-bundles', ['File', 'Bundle', 'Version', 'State', 'Providers', 'Previous', ''], bundles.map((b) => h('tr', { 'data-file': b.file },
      h('td', {}, b.file), h('td', {}, b.symbolicName, b.bundleId >= 0 ? h('div', { class: 'hint' }, '#', b.bundleId) : null), h('td', {}, b.version),
      h('td', {}, h('span', { class: b.state === 'ACTIVE' ? 'badge on' : 'badge warn' }, b.state.toLowerCase())), h('td', {}, b.providerIds.join(', ')),
      h('td', {}, b.previousVersion || '—'),
      h('td', {}, b.previousVersion ? act('Roll back', '', () => api.send('POST', 'ops/providers/' + enc(b.file) + '/rollback')) : null, ' ',
        act('Remove', 'danger', async () => {
          if (confirm('Remove ' + b.file + '? Methods bound to its providers stop taking payments until it is back.')) {
            await api.send('DELETE', 'ops/providers/' + enc(b.file));
          }
        }))))),
    upload,
    h('h2', {}, 'Running providers'),
    table('providers', ['Provider', 'Version', 'Bundle', 'Bundle version', 'State', 'Currencies', 'Capabilities'],
      providers.map((p) => h('tr', {}, h('td', {}, p.displayName, h('div', { class: 'hint' }, p.id)), h('td', {}, p.version), h('td', {}, p.bundle),
        h('td', {}, p.bundleVersion), h('td', {}, h('span', { class: 'badge on' }, 'active')), h('td', {}, p.currencies.join(', ') || 'any'),
        h('td', {}, p.capabilities.join(', '))))),
    h('h2', {}, 'Payment methods'),
    table('methods', ['Method', 'Bundle', 'Bundle version'], methods.map((m) => h('tr', {}, h('td', {}, m.title), h('td', {}, m.bundle),
      h('td', {}, m.bundleVersion)))),
    h('h2', {}, 'Provider events that could not be applied'),
    dead.length + unmatched.length === 0 ? h('p', { class: 'muted', id: 'webhook-events-none' },
      'None: every event providers sent was applied.') : h('p', { class: 'muted' },
      'Dead: applying them failed on every attempt. Unmatched: they name no payment Tender knows (often one made outside Tender).'),
    dead.length + unmatched.length === 0 ? null : table('webhook-events', ['Received', 'State', 'Event', 'Connection', 'Attempts', 'Last error', ''],
      [...dead, ...unmatched].map((w) => h('tr', { 'data-event': w.id }, h('td', {}, when(w.receivedAt)),
        h('td', {}, h('span', { class: w.state === 'DEAD' ? 'badge bad' : 'badge warn' }, w.state.toLowerCase())),
        h('td', {}, w.eventId, h('div', { class: 'hint' }, w.description)), h('td', {}, w.connectionId), h('td', { class: 'num' }, w.attempts),
        h('td', {}, w.lastError || ''), h('td', {}, act('Retry', '', () => api.send('POST', 'ops/webhooks/' + enc(w.id) + '/retry')))))));
}

async function locationsPage() {
  const key = newKey();
  const id = input('id', { required: true, pattern: '[a-z0-9][a-z0-9-]*', placeholder: 'downtown' });
  const name = input('name', { required: true });
  const zone = input('timeZone', { value: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
  const form = h('form', { class: 'stack panel', id: 'location-form' }, h('h2', {}, 'Add a location'), field('Id', id, 'Lower-case letters, digits and dashes'),
    field('Name', name), field('Time zone', zone),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add location')));
  submitting(form, async () => {
    const created = await api.send('POST', 'locations', { id: id.value, name: name.value, timeZone: zone.value }, { 'Idempotency-Key': key });
    await loadContext();
    location.hash = `#/l/${enc(created.id)}/online-payments`;
  });
  show(h('p', { class: 'crumb' }, 'Settings › Locations'), h('h1', {}, 'Locations'),
    h('ul', { id: 'location-list' }, state.locations.map((l) => h('li', {}, h('a', { href: `#/l/${enc(l.id)}/online-payments` }, l.name),
      h('span', { class: 'muted' }, ' (', l.id, ', ', l.timeZone, ')')))), form);
}

async function usersPage() {
  const [users, keys] = await Promise.all([api.get('users'), api.get('api-keys')]);
  const locationChoices = (name) => h('fieldset', {}, h('legend', {}, 'Locations'), state.locations.map((l) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value: l.id }), l.name)),
  h('span', { class: 'error', 'data-error-for': 'locations' }));
  const picked = (form, name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((c) => c.value);
  const email = input('email', { type: 'email', required: true });
  const password = input('password', { type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const role = select('role', [['LOCATION_ADMIN', 'Location admin'], ['VIEWER', 'Viewer'], ['OWNER', 'Owner']], 'LOCATION_ADMIN');
  const userForm = h('form', { class: 'stack panel', id: 'user-form' }, h('h2', {}, 'Add a user'), field('Email', email),
    field('Password', password, 'At least 12 characters'), field('Role', role), locationChoices('user-locations'),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Add user')));
  const userKey = newKey();
  submitting(userForm, async () => {
    await api.send('POST', 'users', { email: email.value, password: password.value, role: role.value,
      locations: role.value === 'OWNER' ? [] : picked(userForm, 'user-locations') }, { 'Idempotency-Key': userKey });
    route();
  });
  const keyName = input('name', { required: true, placeholder: 'booking system' });
  const keyRole = select('role', [['LOCATION_ADMIN', 'Location admin'], ['VIEWER', 'Viewer']], 'LOCATION_ADMIN');
  const secret = h('div', {});
  const keyForm = h('form', { class: 'stack panel', id: 'key-form' }, h('h2', {}, 'Create an API key'), field('Name', keyName),
    field('Role', keyRole), locationChoices('key-locations'), secret,
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create key')));
  let creation = newKey();
  submitting(keyForm, async () => {
    const key = await api.send('POST', 'api-keys', { name: keyName.value, role: keyRole.value, locations: picked(keyForm, 'key-locations') },
      { 'Idempotency-Key': creation });
    creation = newKey();
    secret.replaceChildren(h('div', { class: 'success', role: 'status' }, 'Key created. Copy it now; it is not shown again: ',
      h('code', { id: 'api-key-secret' }, key.secret)));
  });
  show(h('p', { class: 'crumb' }, 'Settings › Users and API keys'), h('h1', {}, 'Users and API keys'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'users' }, h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Role'), h('th', {}, 'Locations'))),
      h('tbody', {}, users.map((u) => h('tr', {}, h('td', {}, u.email), h('td', {}, u.role), h('td', {}, u.role === 'OWNER' ? 'all' : u.locations.join(', '))))))),
    userForm,
    h('h2', {}, 'API keys'),
    keys.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'keys' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Role'),
      h('th', {}, 'Locations'), h('th', {}, ''))),
    h('tbody', {}, keys.map((k) => h('tr', {}, h('td', {}, k.name), h('td', {}, k.role), h('td', {}, k.locations.join(', ')),
      h('td', {}, h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (confirm('Revoke the key "' + k.name + '"? Integrations using it stop working.')) {
          await api.send('DELETE', 'api-keys/' + enc(k.id));
          route();
        }
      } }, 'Revoke')))))))
      : h('p', { class: 'muted' }, 'No API key yet.'),
    keyForm);
}

// ---- routing ------------------------------------------------------------------------------------

async function loadContext() {
  const [locations, methods, providers] = await Promise.all([api.get('locations'), api.get('methods'), api.get('providers')]);
  state.locations = locations;
  state.methods = methods;
  state.providers = providers;
}

async function route() {
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (!state.session && parts[0] !== 'login') {
    try {
      state.session = await api.get('session');
      await loadContext();
    } catch (e) {
      location.hash = '#/login';
      return;
    }
  }
  if (parts[0] === 'login') {
    renderBar('login');
    loginPage();
    return;
  }
  let key = parts[0] === 'l' ? parts[2] || 'online-payments' : parts[0] || 'home';
  if (key === 'methods' || key === 'connect') key = 'online-payments';
  renderBar(key);
  try {
    if (parts[0] === 'l') {
      const loc = parts[1];
      if (!parts[2] || parts[2] === 'online-payments') await onlinePaymentsPage(loc);
      else if (parts[2] === 'connect') await connectPage(loc, params);
      else if (parts[2] === 'methods') await methodPage(loc, parts[3], params);
      else if (parts[2] === 'payments' && parts[3]) await paymentPage(loc, parts[3]);
      else if (parts[2] === 'payments') await paymentsPage(loc, params);
      else if (parts[2] === 'links') await linksPage(loc);
      else if (parts[2] === 'audit') await auditPage(loc);
      else throw new ApiError(404, { detail: 'There is no such page.' });
    } else if (parts[0] === 'ops') await opsPage();
    else if (parts[0] === 'users') await usersPage();
    else if (parts[0] === 'locations') await locationsPage();
    else if (state.locations.length) location.hash = `#/l/${enc(state.locations[0].id)}/online-payments`;
    else if (isOwner()) location.hash = '#/locations';
    else show(h('h1', {}, 'No location yet'), h('p', {}, 'Ask an owner to give you access to a location.'));
  } catch (error) {
    show(h('h1', {}, error.status === 403 ? 'Not allowed' : error.status === 404 ? 'Not found' : 'Something went wrong'),
      h('div', { class: 'alert', role: 'alert' }, error.message));
  }
}

document.getElementById('location').addEventListener('change', (e) => {
  const rest = (/^#\/l\/[^/]+\/([^/?]+)/.exec(location.hash) || [])[1] || 'online-payments';
  const page = rest === 'methods' || rest === 'connect' ? 'online-payments' : rest;
  location.hash = `#/l/${enc(e.target.value)}/${page}`;
});
document.getElementById('signout').addEventListener('click', async () => {
  try {
    await api.send('DELETE', 'session');
  } finally {
    state.session = null;
    location.hash = '#/login';
  }
});
window.addEventListener('hashchange', route);
route();
