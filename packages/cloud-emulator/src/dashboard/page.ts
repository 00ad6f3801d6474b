import type { Store } from '../state/store';

// The dashboard page: a plain look-alike of Blnk Cloud's, server-rendered. The script
// (assets/dashboard.js) adds the actions and the live lists; no inline script or style.

const SCOPE_LABELS: Readonly<Record<string, string>> = {
  'data:read': 'Read ledger data (ledgers, balances, transactions, identities)',
  'data:write': 'Write ledger data (identities, metadata, transactions)',
  'alerts:read': 'Read alerts',
  'alerts:write': 'Create and update alerts',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function renderDashboard(store: Store, instanceId: string | undefined): string {
  const instance = store.instances.find((i) => i.info.instance_id === instanceId) ?? store.instances[0];
  const current = instance?.info.instance_id ?? '';
  const m = store.manifest;
  const options = store.instances
    .map(
      (i) =>
        `<option value="${escapeHtml(i.info.instance_id)}"${i.info.instance_id === current ? ' selected' : ''}>${escapeHtml(i.info.name)}</option>`,
    )
    .join('');
  const scopes = m.permissions
    .map((p) => {
      const id = `scope-${p.replace(':', '-')}`;
      return `<label class="scope" for="${id}"><input type="checkbox" id="${id}" name="permissions" value="${escapeHtml(p)}" data-testid="${id}" checked> <code>${escapeHtml(p)}</code> <span>${escapeHtml(SCOPE_LABELS[p] ?? p)}</span></label>`;
    })
    .join('');
  const url = (value: string | null): string =>
    value === null ? '<em>not set</em>' : `<code>${escapeHtml(maskForPage(value))}</code>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Blnk Cloud (local emulator)</title>
<link rel="stylesheet" href="/_dashboard/dashboard.css">
<script src="/_dashboard/dashboard.js" defer></script>
</head>
<body data-instance-id="${escapeHtml(current)}">
<header class="topbar">
  <span class="brand">blnk <small>cloud · local emulator</small></span>
  <form class="switcher" method="get" action="/">
    <label for="instance-switcher">Instance</label>
    <select id="instance-switcher" name="instance" data-testid="instance-switcher" aria-label="Instance">${options}</select>
    <noscript><button type="submit">Switch</button></noscript>
  </form>
</header>
<div class="layout">
<nav class="sidebar" aria-label="Main">
  <a href="#apps" aria-current="page">Apps</a>
  <span>Ledgers</span><span>Balances</span><span>Transactions</span><span>Identities</span><span>Alerts</span>
</nav>
<main id="main">
<section id="overview" data-testid="overview">
  <section class="card" id="app-card" aria-labelledby="app-name">
    <h1 id="app-name" data-testid="app-name">${escapeHtml(m.name)}</h1>
    <p class="muted">${escapeHtml(m.description)}</p>
    <dl class="manifest" data-testid="manifest">
      <dt>App id</dt><dd><code>${escapeHtml(m.app_id)}</code></dd>
      <dt>Developer</dt><dd>${escapeHtml(m.developer)}</dd>
      <dt>Registration callback URL</dt><dd data-testid="manifest-callback-url">${url(m.callback_url)}</dd>
      <dt>Portal generator URL</dt><dd data-testid="manifest-portal-url">${url(m.portal_generator_url)}</dd>
      <dt>Requested permissions</dt><dd>${m.permissions.map((p) => `<code>${escapeHtml(p)}</code>`).join(' ')}</dd>
    </dl>
    <label class="portal-fields" for="legacy-portal-fields"><input type="checkbox" id="legacy-portal-fields" data-testid="legacy-portal-fields"${store.portalFields === 'legacy' ? ' checked' : ''}> Send the older five-field portal request <span class="muted">(adds <code>organization_id</code> and <code>user_id</code>; today's Cloud sends only <code>installed_app_id</code>, <code>app_id</code>, <code>instance_id</code>)</span></label>
    <span id="portal-fields-status" role="status" aria-live="polite" class="muted"></span>
  </section>
  <section class="card" aria-labelledby="install-title">
    <h2 id="install-title">Install on ${escapeHtml(instance?.info.name ?? '')}</h2>
    <form id="install-form" data-testid="install-form">
      <fieldset><legend>Grant permissions</legend>${scopes}</fieldset>
      <button type="submit" id="install-button" data-testid="install-button">Install app</button>
      <span id="install-status" role="status" aria-live="polite"></span>
    </form>
  </section>
  <section class="card" aria-labelledby="installs-title">
    <h2 id="installs-title">Installed apps</h2>
    <table id="installs" data-testid="installs"><thead><tr><th>Install</th><th>Permissions</th><th>Status</th><th>Installed</th><th><span class="sr-only">Actions</span></th></tr></thead><tbody></tbody></table>
    <p id="installs-empty" class="muted">Not installed on this instance.</p>
  </section>
  <section class="card" aria-labelledby="statuses-title" data-testid="alert-statuses">
    <h2 id="statuses-title">Alert statuses <small class="muted">(organization settings)</small></h2>
    <ul id="status-list" class="statuses"></ul>
    <form id="status-form" class="status-form" data-testid="status-form">
      <label for="status-name">Name</label>
      <input id="status-name" name="name" maxlength="50" required data-testid="status-name" placeholder="Awaiting documents">
      <label for="status-colour">Colour</label>
      <select id="status-colour" name="colour" data-testid="status-colour"></select>
      <button type="submit" data-testid="add-status">Add status</button>
      <span id="status-form-result" role="status" aria-live="polite"></span>
    </form>
  </section>
</section>
<section id="app-view" data-testid="app-view" hidden>
  <div class="app-bar"><strong>${escapeHtml(m.name)}</strong><span id="app-view-status" role="status" class="muted"></span><button type="button" id="close-app" data-testid="close-app">Close app</button></div>
  <iframe id="app-frame" data-testid="app-frame" title="${escapeHtml(m.name)}" src="about:blank"></iframe>
</section>
<section class="card log" id="callbacks-card" aria-labelledby="log-title">
  <h2 id="log-title">Callbacks sent <small class="muted">(all instances)</small></h2>
  <table id="callback-log" data-testid="callback-log"><thead><tr><th>Time</th><th>Event</th><th>URL</th><th>Answer</th><th>Duration</th></tr></thead><tbody></tbody></table>
</section>
</main>
</div>
</body>
</html>`;
}

function maskForPage(url: string): string {
  return url.replace(/([?&](?:key|token|secret)=)[^&]*/gi, '$1***');
}
