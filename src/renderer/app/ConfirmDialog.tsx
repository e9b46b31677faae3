// A question before something that cannot be undone or that others would feel (a shared view
// deleted for everyone, unsaved work left behind). Cancel is where the focus starts.
import { useEffect, useRef } from 'react';

export interface ConfirmChoice {
  label: string;
  kind?: 'primary' | 'danger';
  run(): void;
}

export function ConfirmDialog({ title, body, choices, cancelLabel, onCancel }: {
  title: string;
  body: string;
  choices: ConfirmChoice[];
  cancelLabel: string;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} role="alertdialog" onClose={onCancel}>
      <h2>{title}</h2>
      <p className="dialog__body">{body}</p>
      <div className="dialog__actions">
        <button type="button" className="button" autoFocus onClick={onCancel}>
          {cancelLabel}
        </button>
        {choices.map((c) => (
          <button key={c.label} type="button" className={`button${c.kind ? ` button--${c.kind}` : ''}`} onClick={c.run}>
            {c.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}
