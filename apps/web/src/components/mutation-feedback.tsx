import { errorMessage } from './error-state';
import styles from './mutation-feedback.module.css';
import { cx } from './class-names';

/** The part of a React Query mutation this needs (`useMutation()` satisfies it). */
export interface MutationState {
  status: 'idle' | 'pending' | 'success' | 'error';
  error: unknown;
}

export interface MutationFeedbackProps {
  mutation: MutationState;
  pending: string;
  success: string;
}

/**
 * The one way a change reports itself: progress, then success, or failure with the message
 * of the BFF's error envelope. The region is always in the DOM so screen readers announce
 * each change (a status for progress and success, an alert for failure).
 */
export function MutationFeedback({ mutation, pending, success }: MutationFeedbackProps) {
  const failed = mutation.status === 'error';
  return (
    <div
      role={failed ? 'alert' : 'status'}
      className={cx(styles.feedback, styles[mutation.status === 'idle' ? 'pending' : mutation.status])}
    >
      {mutation.status === 'pending' && (
        <>
          <span className={styles.spinner} aria-hidden="true" />
          {pending}
        </>
      )}
      {mutation.status === 'success' && success}
      {failed && errorMessage(mutation.error)}
    </div>
  );
}
