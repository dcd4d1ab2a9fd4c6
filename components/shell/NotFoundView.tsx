import Link from "next/link";

/** The 404 body: says what happened and offers the ways on; the same text for "absent" and "hidden from you". */
export function NotFoundView({ signedIn }: { signedIn: boolean }) {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-blue-700 dark:text-blue-300">404</p>
      <h1 id="not-found-title" className="mt-2 text-2xl font-semibold">
        Page not found
      </h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">
        This page does not exist, or it is not shared with you. Check the address, or go back to a page you know.
      </p>
      <p className="mt-6">
        <Link href={signedIn ? "/" : "/login"} className="text-blue-700 underline dark:text-blue-300">
          {signedIn ? "Go to Home" : "Sign in"}
        </Link>
      </p>
    </section>
  );
}
