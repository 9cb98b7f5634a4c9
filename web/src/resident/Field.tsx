import { useEffect, useId, useRef } from 'react';

interface FieldProps {
  label: string;
  help?: string;
  error: string | null;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  inputMode?: 'numeric' | 'text' | 'tel';
  /** A native picker: the phone's own date or time wheel (no script needed to draw it). */
  type?: 'text' | 'date' | 'time';
  maxLength?: number;
  /** Focus the box when it first appears (as React's autoFocus; see useFocusOnMount). */
  autoFocus?: boolean;
  autoComplete?: string;
  /** For dates and times: the earliest allowed. */
  min?: string;
  /** A few lines of text instead of one. */
  multiline?: boolean;
  /** Digits and codes: a fixed-width face with some letter spacing. */
  mono?: boolean;
  /** A short code: the box need not span the card. */
  short?: boolean;
}

/** One labelled text box with its help line and, when wrong, what is wrong — all announced. */
export function Field(props: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const box = useFocusOnMount<HTMLInputElement & HTMLTextAreaElement>(props.autoFocus === true);
  const common = {
    id,
    ref: box,
    'data-testid': props.testId,
    value: props.value,
    maxLength: props.maxLength,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby':
      [props.error ? errorId : '', props.help ? helpId : ''].join(' ').trim() || undefined,
    className: [props.mono ? 'r-mono' : '', props.short ? 'r-short' : ''].join(' ').trim(),
  };
  return (
    <div className="r-field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          {...(props.type === 'date' || props.type === 'time'
            ? { type: props.type }
            : { type: 'text' as const, inputMode: props.inputMode ?? 'text' })}
          min={props.min}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          autoComplete={props.autoComplete ?? 'off'}
          // A string: Preact (the light entry's renderer) sets it as the attribute, while a
          // `false` there would drop the attribute and leave the browser's spell check on.
          spellCheck="false"
        />
      )}
      {props.error && (
        <p id={errorId} className="r-field-error">
          {props.error}
        </p>
      )}
      {props.help && (
        <p id={helpId} className="r-help">
          {props.help}
        </p>
      )}
    </div>
  );
}

/**
 * Focuses the element once, when it mounts — what React does for `autoFocus`. Preact, which
 * renders the light entry, would only set the `autofocus` attribute, and a browser honours that
 * on page load only, not for a box that appears later (the SMS code box, a second page).
 */
function useFocusOnMount<T extends HTMLElement>(focus: boolean) {
  const ref = useRef<T>(null);
  const focusAtMount = useRef(focus);
  useEffect(() => {
    if (focusAtMount.current) ref.current?.focus();
  }, []);
  return ref;
}
