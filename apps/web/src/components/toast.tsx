import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { cn } from '../lib/format';

type Toast = { id: number; message: string; tone: 'info' | 'error' | 'success' };
type Notify = (message: string, tone?: Toast['tone']) => void;

const ToastContext = createContext<Notify>(() => {});

let nextId = 1;

/** Short, polite messages (added to cart, could not update…) announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = useCallback<Notify>((message, tone = 'info') => {
    const id = nextId++;
    setToasts((t) => [...t.slice(-2), { id, message, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 4000);
  }, []);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-24 z-50 flex flex-col items-center gap-2 px-4 md:bottom-6"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.tone === 'error' ? 'alert' : 'status'}
            className={cn(
              'pointer-events-auto max-w-sm rounded-xl px-4 py-3 text-sm font-medium text-white shadow-float',
              t.tone === 'error' ? 'bg-red-600' : t.tone === 'success' ? 'bg-brand-700' : 'bg-gray-900',
            )}
          >
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
