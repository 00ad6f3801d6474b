import { NOTE_MAX_CHARS, NoteBody } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { QueryErrorState } from '../../components/error-state';
import { Field, controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import { useAddNote } from './case-mutations';
import styles from './case-page.module.css';
import { caseNotesQueryOptions } from './case-queries';

/** Notes on the case, oldest first, and a box to add one without deciding. */
export function NotesPanel({ identityId }: { identityId: string }) {
  const query = useQuery(caseNotesQueryOptions(useApi(), identityId));
  const addNote = useAddNote(identityId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = NoteBody.safeParse({ text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'This note cannot be saved.');
      return;
    }
    setError(undefined);
    addNote.mutate(parsed.data, { onSuccess: () => setText('') });
  };

  const count = query.data?.items.length;
  return (
    <Panel title="Notes" aside={count === undefined ? undefined : <span className={styles.muted}>{count}</span>}>
      {query.isPending ? (
        <div aria-busy="true" aria-label="Loading the notes">
          <Skeleton width="60%" />
        </div>
      ) : query.isError ? (
        <QueryErrorState title="The notes could not be loaded" query={query} />
      ) : query.data.items.length === 0 ? (
        <p className={styles.muted}>No notes yet.</p>
      ) : (
        <ol className={styles.timeline} aria-label="Notes on this case">
          {query.data.items.map((note) => (
            <li key={note.note_id}>
              <p className={styles.muted}>
                {note.author} · <TimeText iso={note.created_at} format="absolute" />
              </p>
              <p className={styles.noteText}>{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form className={styles.decisionForm} onSubmit={onSubmit} noValidate>
        <Field
          label="Add a note"
          hint={`Plain text, visible to every reviewer, never edited. ${text.length} of ${NOTE_MAX_CHARS}.`}
          error={error}
        >
          {(control) => (
            <textarea {...control} className={controlClass} value={text} onChange={(e) => setText(e.target.value)} />
          )}
        </Field>
        <div className={styles.submitRow}>
          <Button type="submit" disabled={addNote.isPending}>
            Add note
          </Button>
          <MutationFeedback mutation={addNote} pending="Saving the note…" success="Note added." />
        </div>
      </form>
    </Panel>
  );
}
