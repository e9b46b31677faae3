/** A form's one error, announced to screen readers; nothing when there is none. */
export function FormError({ text }: { text: string | null }) {
  return text ? (
    <p className="message message--error" role="alert">
      {text}
    </p>
  ) : null;
}
