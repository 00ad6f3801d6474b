import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { Store } from '../state/store';
import { renderDashboard } from './page';

const asset = (name: string): string => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const SCRIPT = asset('dashboard.js');
const STYLE = asset('dashboard.css');

// Scripts and styles only from this origin; frames from anywhere (the app's portal URL).
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: http: https:; frame-src http: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function dashboardRoutes(store: Store) {
  return new Hono()
    .get('/', (c) => {
      c.header('Content-Security-Policy', CSP);
      c.header('Cache-Control', 'no-store');
      return c.html(renderDashboard(store, c.req.query('instance')), 200);
    })
    .get('/favicon.ico', (c) => c.body(null, 204))
    .get('/_dashboard/dashboard.js', (c) => c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/_dashboard/dashboard.css', (c) => c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
}
