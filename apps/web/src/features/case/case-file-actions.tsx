import { useState } from 'react';
import { Button, LinkButton } from '../../components/button';

export const caseFileHref = (identityId: string) => `/api/exports/cases/${encodeURIComponent(identityId)}`;

/**
 * The printable case file: "Case file" opens it in place (it links back), "Print" loads it
 * in a hidden frame and prints that frame alone. Printing from the Cloud dashboard would
 * print the dashboard page around the app instead.
 */
export function CaseFileActions({ identityId }: { identityId: string }) {
  const [printing, setPrinting] = useState(false);
  const print = () => {
    setPrinting(true);
    const frame = document.createElement('iframe');
    frame.title = 'Case file for printing';
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;visibility:hidden';
    frame.src = caseFileHref(identityId);
    frame.addEventListener('load', () => {
      setPrinting(false);
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
      // The print dialog blocks until closed; the frame is no longer needed after it.
      setTimeout(() => frame.remove(), 1_000);
    });
    document.body.append(frame);
  };
  return (
    <>
      <LinkButton href={caseFileHref(identityId)}>Case file</LinkButton>
      <Button onClick={print} disabled={printing}>
        {printing ? 'Preparing…' : 'Print'}
      </Button>
    </>
  );
}
