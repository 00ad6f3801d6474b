import { INFO_REQUEST_ITEM_MAX_CHARS, INFO_REQUEST_MAX_ITEMS } from '@kyc-review/contracts';
import { Field, controlClass } from '../../components/field';

/** The items of a request for information, one per line; blank lines are left out. */
export const requestedItemsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export function RequestedItemsField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const items = requestedItemsOf(value);
  const error =
    items.length > INFO_REQUEST_MAX_ITEMS
      ? `At most ${String(INFO_REQUEST_MAX_ITEMS)} items.`
      : items.some((i) => i.length > INFO_REQUEST_ITEM_MAX_CHARS)
        ? `An item is at most ${String(INFO_REQUEST_ITEM_MAX_CHARS)} characters.`
        : undefined;
  return (
    <Field
      label="Items to send (optional, one per line)"
      hint="For example: proof of address under 3 months; passport photo page."
      error={error}
    >
      {(control) => (
        <textarea
          {...control}
          className={controlClass}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
