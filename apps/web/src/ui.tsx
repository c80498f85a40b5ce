import type { ComponentChildren } from 'preact';

/** A labelled form field whose error is announced and tied to the input (aria-describedby). */
export function Field(props: { id: string; label: string; error?: string | undefined; hint?: string; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' field--invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** aria-* attributes for an input with an optional hint and error. */
export function described(id: string, error: string | undefined, hint = false): Record<string, string | boolean> {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? 'true' : 'false', ...(ids ? { 'aria-describedby': ids } : {}) };
}

/** The server's answer to a step, read out by screen readers (role=status, or alert for a refusal). */
export function Answer(props: { answer: { ok: boolean; text: string } | null }) {
  if (props.answer === null) return null;
  return (
    <p class={props.answer.ok ? 'answer answer--ok' : 'answer answer--error'} role={props.answer.ok ? 'status' : 'alert'}>
      {props.answer.text}
    </p>
  );
}

export function Loading() {
  return <p role="status">Bezig met laden…</p>;
}

export function StageBadge(props: { stage: string; label: string }) {
  return <span class={`badge badge--${props.stage}`}>{props.label}</span>;
}
