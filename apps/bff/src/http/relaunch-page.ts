import { html } from 'hono/html';

/**
 * What /portal/enter shows for an unknown, used or expired link: a plain page, never a
 * redirect (a redirect back into the SPA would loop on the missing session).
 */
export function relaunchPage(title: string, message: string) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · KYC Review</title>
      </head>
      <body
        style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #1f2933"
      >
        <h1 style="font-size: 1.25rem">${title}</h1>
        <p>${message}</p>
        <p>Close this view and choose <strong>Launch app</strong> again in Blnk Cloud.</p>
      </body>
    </html>`;
}
