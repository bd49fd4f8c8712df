import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` while `active`, so countdowns move on their own. */
export function useNow(active: boolean, everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const timer = setInterval(tick, everyMs);
    const t0 = setTimeout(tick, 0);
    return () => {
      clearInterval(timer);
      clearTimeout(t0);
    };
  }, [active, everyMs]);
  return now;
}
