import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

/** A modal form on the native <dialog> (focus trap and Esc for free). */
export function Dialog({ title, children, onSubmit, onClose, submitLabel, cancelLabel, noValidate }: {
  title: string;
  children: ReactNode;
  onSubmit(): void;
  onClose(): void;
  submitLabel: string;
  cancelLabel: string;
  /** The form checks its own fields and says why beside each one, instead of the browser's bubble. */
  noValidate?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose}>
      <form
        method="dialog"
        noValidate={noValidate}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2>{title}</h2>
        {children}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {cancelLabel}
          </button>
          <button type="submit" className="button button--primary">
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
