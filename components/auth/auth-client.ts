// Talks to next-auth's endpoints on this origin with relative URLs, whatever host or port Berth is reached on.

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { credentials: "same-origin" });
  const body = (await res.json()) as { csrfToken: string };
  return body.csrfToken;
}

export async function signInWithPassword(username: string, password: string, code = ""): Promise<boolean> {
  const form = new URLSearchParams({ username, password, code, csrfToken: await csrfToken(), json: "true" });
  await fetch("/api/auth/callback/credentials", {
    method: "POST",
    body: form,
    credentials: "same-origin",
    redirect: "manual",
  });
  const session = (await (await fetch("/api/auth/session", { credentials: "same-origin" })).json()) as {
    user?: { name?: string };
  };
  return Boolean(session?.user?.name);
}

export async function signOut(): Promise<void> {
  const form = new URLSearchParams({ csrfToken: await csrfToken(), json: "true" });
  await fetch("/api/auth/signout", { method: "POST", body: form, credentials: "same-origin", redirect: "manual" });
}
