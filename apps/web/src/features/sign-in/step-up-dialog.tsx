import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { readJson } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { SESSION_QUERY_KEY } from '../../api/query-client';
import { Button } from '../../components/button';
import dialogStyles from '../../components/confirm-dialog.module.css';
import { AuthForm, FormAlert, RECOVERY_HINT, TextField, unfieldedError } from './auth-form';
import { fieldError } from './sign-in-api';

const Ok = z.object({ ok: z.literal(true) });

/** Gives focus back to what opened the dialog, once it can take it again (a pending control is disabled). */
function refocus(element: HTMLElement | null, triesLeft = 120): void {
  if (element === null || !element.isConnected) return;
  if (element.matches(':disabled')) {
    if (triesLeft > 0) requestAnimationFrame(() => refocus(element, triesLeft - 1));
    return;
  }
  element.focus();
}

/**
 * Step-up (decision 017): a lead's or admin's sensitive action whose last second-factor
 * confirmation is older than 15 minutes gets `step_up_required` from the BFF. The API client
 * then asks this dialog; once the code is confirmed the action is sent again by itself.
 * Closing or Escape cancels it, and focus returns to the control that started the action.
 */
export function StepUpDialog() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const pending = useRef<{ promise: Promise<boolean>; resolve: (ok: boolean) => void } | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const lastFocused = useRef<HTMLElement | null>(null);
  const confirm = useMutation({
    mutationFn: (value: string) => readJson(api.rpc.api.session['step-up'].$post({ json: { code: value } }), Ok),
  });
  const { reset } = confirm;

  useEffect(() => {
    // The control the reviewer last used: a button that is disabled while its call is pending loses focus.
    const remember = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) lastFocused.current = event.target;
    };
    document.addEventListener('focusin', remember);
    api.setStepUpHandler(() => {
      if (pending.current !== null) return pending.current.promise;
      let resolve: (ok: boolean) => void = () => undefined;
      const promise = new Promise<boolean>((r) => (resolve = r));
      pending.current = { promise, resolve };
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : lastFocused.current;
      setCode('');
      reset();
      setOpen(true);
      return promise;
    });
    return () => {
      document.removeEventListener('focusin', remember);
      api.setStepUpHandler(null);
      pending.current?.resolve(false);
    };
  }, [api, reset]);

  const close = (ok: boolean) => {
    setOpen(false);
    pending.current?.resolve(ok);
    pending.current = null;
  };
  const submit = () =>
    confirm.mutate(code, {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
        close(true);
      },
    });
  const codeError = fieldError(confirm.error, 'code');

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && close(false)}>
      <Dialog.Portal>
        <Dialog.Overlay className={dialogStyles.overlay} />
        <Dialog.Content
          className={dialogStyles.content}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            refocus(opener.current);
          }}
        >
          <Dialog.Title>Confirm it is you</Dialog.Title>
          <Dialog.Description className={dialogStyles.description}>
            This action needs a fresh code from your authenticator app: you have not confirmed one on this launch in the
            last 15 minutes.
          </Dialog.Description>
          <AuthForm
            onSubmit={submit}
            actions={
              <>
                <Button variant="primary" type="submit" disabled={confirm.isPending || code.trim() === ''}>
                  {confirm.isPending ? 'Checking…' : 'Confirm and continue'}
                </Button>
                <Dialog.Close asChild>
                  <Button>Cancel</Button>
                </Dialog.Close>
              </>
            }
          >
            <TextField
              label="Authenticator code"
              hint={RECOVERY_HINT}
              error={codeError}
              autoComplete="one-time-code"
              inputMode="text"
              maxLength={16}
              autoFocus
              value={code}
              onValueChange={setCode}
            />
            <FormAlert message={unfieldedError(confirm.error, [codeError])} />
          </AuthForm>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
