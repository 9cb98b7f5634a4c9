import { useId } from 'react';

interface FieldProps {
  label: string;
  help: string;
  error: string | null;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  autoFocus?: boolean;
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
  return (
    <div className="r-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        inputMode={props.inputMode ?? 'text'}
        autoComplete="off"
        spellCheck={false}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${errorId} ${helpId}` : helpId}
        className={[props.mono ? 'r-mono' : '', props.short ? 'r-short' : ''].join(' ').trim()}
      />
      {props.error && (
        <p id={errorId} className="r-field-error">
          {props.error}
        </p>
      )}
      <p id={helpId} className="r-help">
        {props.help}
      </p>
    </div>
  );
}
