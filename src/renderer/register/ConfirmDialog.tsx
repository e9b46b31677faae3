// "Are you sure?" for deleting and disabling: says what will happen, in the console's language.
import { Dialog } from '../app/Dialog';

export function ConfirmDialog({
  title,
  text,
  confirm,
  cancel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirm: string;
  cancel: string;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Dialog title={title} submitLabel={confirm} cancelLabel={cancel} onSubmit={onConfirm} onClose={onClose}>
      <p>{text}</p>
    </Dialog>
  );
}
