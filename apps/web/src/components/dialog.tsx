import { useEffect, useRef, type ReactNode } from 'react';
import { cn } from '../lib/format';
import { CloseIcon } from './icons';

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape and restores focus
 * to the opener. `variant="drawer"` slides in from the right (a bottom sheet on phones).
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  variant = 'modal',
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  variant?: 'modal' | 'drawer';
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === e.currentTarget) onClose();
      }}
      className={cn(
        'm-0 max-h-none max-w-none bg-transparent p-0 backdrop:bg-black/40 open:flex',
        variant === 'drawer'
          ? 'fixed inset-0 h-full w-full items-end justify-end sm:items-stretch'
          : 'fixed inset-0 h-full w-full items-end justify-center sm:items-center',
      )}
    >
      <div
        className={cn(
          'flex max-h-[92dvh] w-full flex-col bg-white shadow-float',
          variant === 'drawer'
            ? 'rounded-t-2xl sm:h-full sm:max-h-none sm:max-w-md sm:rounded-none'
            : 'rounded-t-2xl sm:max-w-lg sm:rounded-2xl',
          className,
        )}
      >
        <div className="flex items-center justify-between border-b border-line px-5 py-4">
          <h2 className="text-lg font-bold">{title}</h2>
          <button
            type="button"
            onClick={onClose}
            className="-mr-2 rounded-full p-2 text-muted hover:bg-black/5"
            aria-label="Close"
          >
            <CloseIcon />
          </button>
        </div>
        {/* Content mounts only while open: no hidden form fields or idle queries behind a closed dialog. */}
        <div className="min-h-0 flex-1 overflow-y-auto">{open && children}</div>
        {open && footer && <div className="border-t border-line p-4 pb-safe">{footer}</div>}
      </div>
    </dialog>
  );
}
