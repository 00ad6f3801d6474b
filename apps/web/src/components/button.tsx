import type { ComponentProps } from 'react';
import styles from './button.module.css';
import { cx } from './class-names';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: 'primary' | 'secondary';
}

/** The app's one button; `type` defaults to "button" so it never submits a form by accident. */
export function Button({ variant = 'secondary', className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={cx(styles.button, styles[variant], className)} {...props} />;
}

export interface LinkButtonProps extends ComponentProps<'a'> {
  variant?: 'primary' | 'secondary';
}

/** A link that looks like a button: downloads and views that are addresses, not actions. */
export function LinkButton({ variant = 'secondary', className, ...props }: LinkButtonProps) {
  return <a className={cx(styles.button, styles[variant], className)} {...props} />;
}
