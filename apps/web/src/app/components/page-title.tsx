import { useEffect } from 'react';

/** Sets document.title while a screen is shown ("Milk — Cartwheel"). */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = title.includes('Cartwheel') ? title : `${title} — Cartwheel`;
  }, [title]);
}
