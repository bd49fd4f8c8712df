import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { SearchIcon, CloseIcon, GridIcon } from '../../../components/icons';
import { ProductImage } from '../../../components/product-image';
import { cn } from '../../../lib/format';
import { useSuggestions } from '../api/get-suggestions';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

type Option = {
  key: string;
  label: string;
  href: string;
  kind: 'product' | 'category';
  image?: string | null;
};

/** Search with suggestions as you type (WAI-ARIA combobox: arrows, Enter, Escape). */
export function SearchBar({ initial = '', className }: { initial?: string; className?: string }) {
  const navigate = useNavigate();
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const rootRef = useRef<HTMLFormElement>(null);
  const q = useDebounced(text.trim(), 150);
  const { data } = useSuggestions(q);

  useEffect(() => setText(initial), [initial]);

  const options: Option[] = q
    ? [
        ...(data?.categories ?? []).map((c) => ({
          key: `c:${c.id}`,
          label: c.name,
          href: `/c/${c.slug}`,
          kind: 'category' as const,
        })),
        ...(data?.products ?? []).map((p) => ({
          key: `p:${p.id}`,
          label: p.name,
          href: `/p/${p.slug}`,
          kind: 'product' as const,
          image: p.image,
        })),
      ]
    : [];
  const showList = open && text.trim().length > 0 && options.length > 0;

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    navigate(href);
  };

  return (
    <form
      ref={rootRef}
      role="search"
      className={cn('relative', className)}
      onSubmit={(e) => {
        e.preventDefault();
        const opt = options[active];
        if (showList && opt) return go(opt.href);
        const term = text.trim();
        if (term) go(`/search?q=${encodeURIComponent(term)}`);
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search products
      </label>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3.5 -translate-y-1/2 text-muted" />
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        enterKeyHint="search"
        placeholder='Search "milk", "chips", "coffee"…'
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(options.length - 1, i + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(-1, i - 1));
          } else if (e.key === 'Escape') {
            setOpen(false);
            setActive(-1);
          }
        }}
        className="h-11 w-full rounded-xl border border-line bg-gray-50 pr-10 pl-11 text-[15px] outline-none placeholder:text-muted focus:border-brand-600 focus:bg-white focus:ring-2 focus:ring-brand-600/20 [&::-webkit-search-cancel-button]:hidden"
      />
      {text && (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => {
            setText('');
            setActive(-1);
          }}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded-full p-1.5 text-muted hover:bg-black/5"
        >
          <CloseIcon size={16} />
        </button>
      )}
      {showList && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute inset-x-0 top-full z-40 mt-1 max-h-[70vh] overflow-y-auto rounded-xl border border-line bg-white py-1 shadow-float"
        >
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onPointerDown={(e) => e.preventDefault()}
              onClick={() => go(o.href)}
              onMouseEnter={() => setActive(i)}
              className={cn(
                'flex cursor-pointer items-center gap-3 px-3 py-2 text-sm',
                i === active && 'bg-brand-50',
              )}
            >
              {o.kind === 'product' ? (
                <ProductImage src={o.image} alt="" className="h-9 w-9 shrink-0 rounded-lg bg-gray-50" />
              ) : (
                <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
                  <GridIcon size={16} />
                </span>
              )}
              <span className="min-w-0 flex-1 truncate">{o.label}</span>
              {o.kind === 'category' && <span className="text-xs text-muted">Category</span>}
            </li>
          ))}
          <li
            role="option"
            aria-selected={false}
            onPointerDown={(e) => e.preventDefault()}
            onClick={() => go(`/search?q=${encodeURIComponent(text.trim())}`)}
            className="cursor-pointer border-t border-line px-3 py-2.5 text-sm font-semibold text-brand-700 hover:bg-brand-50"
          >
            See all results for “{text.trim()}”
          </li>
        </ul>
      )}
    </form>
  );
}
