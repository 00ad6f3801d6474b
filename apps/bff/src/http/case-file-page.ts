import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CaseFile } from '../services/export-service';

// Print styles inline: the page has no script and loads nothing else (CSP default-src 'self').
const STYLE = `
body { font: 13px/1.45 system-ui, sans-serif; color: #1f2933; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #cbd2d9; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #e4e7eb; }
th { width: 12rem; font-weight: 600; } .muted { color: #52606d; } .pre { white-space: pre-wrap; overflow-wrap: anywhere; }
nav { margin-bottom: 1rem; } @media print { nav { display: none; } body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

const row = (label: string, value: string | number | null) =>
  html`<tr>
    <th scope="row">${label}</th>
    <td>${value ?? '—'}</td>
  </tr>`;

/** A person by name, with the recorded id beside it for the record ("Ada Lead (rvw_…)"). */
const who = (id: string, name: string | null) => (name === null || name === '' ? id : `${name} (${id})`);

/** A country by name and code when the KYC package recognised it, else as the identity spells it. */
const country = (text: string, code: string | null) => (code === null ? text : `${text} (${code})`);

function list<T>(
  items: readonly T[],
  empty: string,
  render: (item: T) => HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  return items.length === 0 ? html`<p class="muted">${empty}</p>` : items.map(render);
}

/** The case file a regulator asks for: identity, checks, hits and verdicts, decisions, notes, history. */
export function caseFilePage({ detail, notes, history, printedAt, printedBy }: CaseFile) {
  const { identity, case: kase } = detail;
  const name =
    identity.identity_type === 'organization'
      ? identity.organization_name
      : [identity.first_name, identity.other_names, identity.last_name].filter((p) => p !== '').join(' ');
  const decisions = history.filter((h) => h.action.startsWith('decision:'));
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Case file ${kase.case_id} · KYC Review</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <nav><a href="/cases/${identity.identity_id}">← Back to the case</a></nav>
        <h1>KYC case file: ${name || identity.identity_id}</h1>
        <p class="muted">
          Case ${kase.case_id} · identity ${identity.identity_id} · produced ${printedAt} (UTC) by ${printedBy}
        </p>

        <h2>Summary</h2>
        <table>
          ${row('Status', kase.status)} ${row('Risk', `${kase.risk.level} (${kase.risk.score.toFixed(2)})`)}
          ${row('Risk reasons', kase.risk.reasons.map((r) => r.label).join('; ') || null)}
          ${row('Assessed at', kase.assessed_at)}
          ${row(
            'Pending second approval',
            kase.pending_approval === null
              ? null
              : `first approval by ${who(kase.pending_approval.first_reviewer, kase.pending_approval.first_reviewer_name)} at ${kase.pending_approval.approved_at}`,
          )}
        </table>

        <h2>Identity</h2>
        <table>
          ${row('Type', identity.identity_type)} ${row('Name', name || null)} ${row('Email', identity.email_address)}
          ${row('Phone', identity.phone_number)} ${row('Date of birth', identity.dob)}
          ${row('Nationality', country(identity.nationality, kase.countries.nationality))}
          ${row('Address', [identity.street, identity.city, identity.state, identity.post_code].filter((p) => p !== '').join(', ') || null)}
          ${row('Country', country(identity.country, kase.countries.country))}
          ${row('Tokenized fields', identity.tokenized_fields.join(', ') || null)}
        </table>

        <h2>Checks</h2>
        <table>
          ${list(kase.checks, 'No checks ran.', (c) => row(`${c.title} (${c.status})`, c.reason))}
        </table>

        <h2>Watchlist hits and verdicts</h2>
        <table>
          ${list(kase.hits, 'No watchlist hits.', (h) =>
            row(
              `${h.matched_name} · ${h.entry.list}`,
              `score ${h.score.toFixed(2)}, date of birth ${h.dob}, country ${h.country}; verdict: ${h.disposition}` +
                (h.disposed_by === null
                  ? ''
                  : ` by ${who(h.disposed_by, h.disposed_by_name)} at ${h.disposed_at ?? ''}`),
            ),
          )}
        </table>

        <h2>Decisions</h2>
        <table>
          ${list(decisions, 'No decision yet.', (d) =>
            row(
              `${d.at} · ${who(d.actor, d.actor_name)}`,
              `${d.action.slice('decision:'.length)}${d.reason === null ? '' : `: ${d.reason}`}`,
            ),
          )}
        </table>

        <h2>Notes</h2>
        <table>
          ${list(
            notes,
            'No notes.',
            (n) =>
              html`<tr>
                <th scope="row">${n.created_at} · ${n.author}</th>
                <td class="pre">${n.text}</td>
              </tr>`,
          )}
        </table>

        <h2>History</h2>
        <table>
          ${list(
            history,
            'Nothing has happened on this case yet.',
            (h) =>
              html`<tr>
                <th scope="row">${h.at}</th>
                <td>
                  ${h.action} by
                  ${who(h.actor, h.actor_name)}${h.reason === null ? '' : html`: <span class="pre">${h.reason}</span>`}
                </td>
              </tr>`,
          )}
        </table>
      </body>
    </html>`;
}
