import { useState, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';
import { Button } from './button';
import styles from './mutation-feedback.module.css';

// Inside the Cloud iframe our session cookie is third-party and partitioned (decision 003).
// Chromium does not send a partitioned cookie with a download it starts from an <a download>
// link in a cross-site frame, so such a link gets 401 and saves the error as a file. A fetch
// from the page carries the cookie like every other call: the file is read into a Blob and
// saved from there. The BFF still streams it (its memory stays flat); the browser holds one
// copy while it saves.

/** The file name the BFF gives in Content-Disposition, or the fallback. */
function fileName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([^";]+)"?/i.exec(header);
  return match?.[1]?.trim() || fallback;
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The save has started from the object URL; let go of it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type State =
  { readonly kind: 'idle' } | { readonly kind: 'pending' } | { readonly kind: 'failed'; readonly message: string };

/** A button that downloads a file from the BFF with the session, saying while it runs and when it fails. */
export function DownloadButton({
  href,
  fallbackName,
  variant = 'secondary',
  children,
}: {
  href: string;
  fallbackName: string;
  variant?: 'primary' | 'secondary';
  children: ReactNode;
}) {
  const api = useApi();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const download = async () => {
    setState({ kind: 'pending' });
    try {
      // The app's one fetch: the session cookie, and the BFF's error envelope read on a non-2xx.
      const response = await api.fetch(href);
      save(await response.blob(), fileName(response, fallbackName));
      setState({ kind: 'idle' });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : 'The download was interrupted. Try again.';
      setState({ kind: 'failed', message });
    }
  };
  return (
    <>
      <Button variant={variant} onClick={() => void download()} disabled={state.kind === 'pending'}>
        {state.kind === 'pending' ? 'Preparing the file…' : children}
      </Button>
      {state.kind === 'failed' && (
        <span role="alert" className={styles.error}>
          {state.message}
        </span>
      )}
    </>
  );
}
