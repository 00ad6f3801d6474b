/* global document, window */
// The dashboard's behaviour: install, launch, uninstall through the control API, and
// live lists of installs and callbacks (polled). DOM built with textContent only.
'use strict';

const instanceId = document.body.dataset.instanceId ?? '';
const $ = (id) => document.getElementById(id);

async function control(method, path, body) {
  const res = await fetch(`/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function describeCallback(cb) {
  if (cb === null || cb === undefined) return 'no callback URL registered';
  return cb.ok
    ? `app answered ${cb.status} in ${cb.ms} ms`
    : `failed: ${cb.error ?? `HTTP ${cb.status}`} (${cb.ms} ms)`;
}

function button(label, testId, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.testid = testId;
  b.addEventListener('click', onClick);
  return b;
}

async function renderInstalls() {
  const installs = await control('GET', `/installs?instance_id=${encodeURIComponent(instanceId)}`);
  const body = $('installs').querySelector('tbody');
  body.replaceChildren();
  for (const install of installs) {
    const tr = document.createElement('tr');
    tr.dataset.testid = `install-${install.installed_app_id}`;
    cell(tr, install.installed_app_id, 'mono');
    cell(tr, install.granted_permissions.join(', '));
    const status = cell(tr, install.status);
    status.dataset.testid = 'install-status';
    status.className = `status status-${install.status}`;
    cell(tr, new Date(install.installed_at).toLocaleString());
    const actions = cell(tr, '');
    if (install.status === 'active') {
      const launch = button('Launch app', 'launch-button', () => launchApp(install.installed_app_id));
      launch.setAttribute('aria-label', `Launch ${install.installed_app_id}`);
      const uninstall = button('Uninstall', 'uninstall-button', () => uninstallApp(install.installed_app_id));
      uninstall.className = 'danger';
      uninstall.setAttribute('aria-label', `Uninstall ${install.installed_app_id}`);
      actions.append(launch, ' ', uninstall);
    }
    body.appendChild(tr);
  }
  // One install per organization and instance (docs/cloud-contract.md §2): Install waits for an uninstall.
  const installed = installs.some((i) => i.status === 'active' || i.status === 'pending');
  $('installs-empty').hidden = installed;
  $('install-button').disabled = installed;
  $('install-button').title = installed ? 'Already installed on this instance' : '';
}

async function renderCallbacks() {
  const { data } = await control('GET', '/callbacks');
  const body = $('callback-log').querySelector('tbody');
  body.replaceChildren();
  for (const entry of data.slice(-50).reverse()) {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'callback-entry';
    cell(tr, new Date(entry.at).toLocaleTimeString());
    cell(tr, entry.kind);
    cell(tr, entry.url, 'mono url');
    cell(tr, entry.status === 0 ? (entry.error ?? 'no answer') : String(entry.status), entry.ok ? 'ok' : 'bad');
    cell(tr, `${entry.ms} ms`);
    body.appendChild(tr);
  }
}

// The organization's alert statuses (docs/cloud-contract.md §6.5): listed with their colours, and added
// here as in Cloud's settings. Colours are set through the CSSOM (no inline style attribute).
async function renderStatuses() {
  const { data, allowed_colours: colours } = await control('GET', '/alert-statuses');
  const list = $('status-list');
  list.replaceChildren();
  for (const status of data) {
    const li = document.createElement('li');
    li.dataset.testid = `alert-status-${status.key}`;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = status.colour;
    const name = document.createElement('span');
    name.textContent = status.name;
    const key = document.createElement('code');
    key.textContent = status.key;
    li.append(swatch, name, ' ', key);
    list.appendChild(li);
  }
  const select = $('status-colour');
  if (select.options.length === 0) {
    for (const colour of colours) {
      const option = document.createElement('option');
      option.value = colour;
      option.textContent = colour;
      select.appendChild(option);
    }
  }
}

$('status-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('status-name').value.trim();
  try {
    const status = await control('POST', '/alert-statuses', { name, colour: $('status-colour').value });
    $('status-form-result').textContent = `Added ${status.name} (${status.key}).`;
    $('status-name').value = '';
  } catch (e) {
    $('status-form-result').textContent = `Not added: ${e.message}`;
  }
  void renderStatuses();
});

async function refresh() {
  try {
    await Promise.all([renderInstalls(), renderCallbacks()]);
  } catch (e) {
    $('install-status').textContent = `Emulator unreachable: ${e.message}`;
  }
}

async function launchApp(id) {
  $('app-view-status').textContent = 'Asking the app for a portal URL…';
  showApp(true);
  try {
    const result = await control('POST', `/installs/${encodeURIComponent(id)}/launch`, {});
    if (result.portal_url) {
      $('app-frame').src = result.portal_url;
      $('app-view-status').textContent = '';
    } else {
      $('app-frame').src = 'about:blank';
      $('app-view-status').textContent = `Launch failed: ${describeCallback(result.callback)}`;
    }
  } catch (e) {
    $('app-view-status').textContent = `Launch failed: ${e.message}`;
  }
  void refresh();
}

async function uninstallApp(id) {
  try {
    const result = await control('POST', `/installs/${encodeURIComponent(id)}/uninstall`);
    $('install-status').textContent = `Uninstall: ${describeCallback(result.callback)}`;
  } catch (e) {
    $('install-status').textContent = `Uninstall failed: ${e.message}`;
  }
  void refresh();
}

function showApp(on) {
  // Like Cloud, the launched app fills the main area.
  $('overview').hidden = on;
  $('callbacks-card').hidden = on;
  $('app-view').hidden = !on;
  if (!on) $('app-frame').src = 'about:blank';
}

$('install-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const permissions = [...document.querySelectorAll('input[name="permissions"]:checked')].map((i) => i.value);
  $('install-status').textContent = 'Installing…';
  try {
    const result = await control('POST', '/installs', { permissions, instance_id: instanceId });
    $('install-status').textContent = `Install ${result.install.status}: ${describeCallback(result.callback)}`;
  } catch (e) {
    $('install-status').textContent = `Install failed: ${e.message}`;
  }
  void refresh();
});
$('instance-switcher').addEventListener('change', (event) => {
  window.location.search = `?instance=${encodeURIComponent(event.target.value)}`;
});
$('close-app').addEventListener('click', () => showApp(false));
$('legacy-portal-fields').addEventListener('change', async (event) => {
  const mode = event.target.checked ? 'legacy' : 'current';
  try {
    await control('PUT', '/portal-fields', { mode });
    $('portal-fields-status').textContent =
      mode === 'legacy' ? 'Launches now send five fields.' : 'Launches now send three fields.';
  } catch (e) {
    event.target.checked = !event.target.checked;
    $('portal-fields-status').textContent = `Could not switch: ${e.message}`;
  }
});
void refresh();
void renderStatuses();
window.setInterval(() => void refresh(), 2000);
