import { useId } from 'react';

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
  const common = {
    id,
    'data-testid': props.testId,
    value: props.value,
    maxLength: props.maxLength,
    autoFocus: props.autoFocus,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby':
      [props.error ? errorId : '', props.help ? helpId : ''].join(' ').trim() || undefined,
    className: [props.mono ? 'r-mono' : '', props.short ? 'r-short' : ''].join(' ').trim(),
  };
  return (
    <div className="r-field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          min={props.min}
          onChange={(e) => props.onChange(e.target.value)}
          inputMode={props.type && props.type !== 'text' ? undefined : (props.inputMode ?? 'text')}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
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
