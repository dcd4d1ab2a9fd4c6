import Link from "next/link";

/**
 * The 403 body, inside the shell: the page exists but the signed-in user's role does not open it (admin pages for a
 * non-admin). Hidden endpoints and their resources still answer 404, so nobody learns what exists from this page.
 */
export function ForbiddenView() {
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-red-700 dark:text-red-300">403</p>
      <h1 id="forbidden-title" className="mt-2 text-2xl font-semibold">
        Not allowed
      </h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        Your account cannot open this page: it is for administrators. If you need it, ask an administrator of this
        Berth.
      </p>
      <p className="mt-6">
        <Link href="/" className="text-blue-700 underline dark:text-blue-300">
          Go to Home
        </Link>
      </p>
    </section>
  );
}
