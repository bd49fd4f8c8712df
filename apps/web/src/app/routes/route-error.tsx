import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/**
 * Last-resort screen. A failed chunk load (a new version was deployed while this tab was open)
 * is fixed by reloading, so that is what it offers.
 */
export function RouteError() {
  const error = useRouteError();
  const chunk =
    error instanceof Error && /dynamically imported module|Importing a module script/i.test(error.message);
  return (
    <div role="alert" className="mx-auto max-w-md px-6 py-20 text-center">
      <h1 className="text-2xl font-extrabold">
        {isRouteErrorResponse(error) && error.status === 404 ? 'Page not found' : 'Something went wrong'}
      </h1>
      <p className="mt-2 text-muted">
        {chunk
          ? 'A newer version of Cartwheel is available.'
          : 'Sorry — this page hit a problem. Reloading usually fixes it.'}
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="h-10 rounded-xl bg-brand-600 px-4 text-sm font-semibold text-white"
        >
          Reload
        </button>
        <Link
          to="/"
          className="flex h-10 items-center rounded-xl border border-line px-4 text-sm font-semibold"
        >
          Go home
        </Link>
      </div>
    </div>
  );
}
