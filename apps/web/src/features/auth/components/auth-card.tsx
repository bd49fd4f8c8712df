import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The centred card every sign-in screen sits in. */
export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md px-4 py-8 md:py-14">
      <div className="rounded-3xl border border-line bg-white p-6 shadow-card md:p-8">
        <Link
          to="/"
          className="mb-6 inline-flex items-center gap-2 text-lg font-black tracking-tight text-brand-700"
        >
          <img src="/favicon.svg" alt="" width={28} height={28} /> cartwheel
        </Link>
        <h1 className="text-2xl font-extrabold tracking-tight">{title}</h1>
        {subtitle && <p className="mt-1 text-sm text-muted">{subtitle}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
