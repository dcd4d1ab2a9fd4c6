import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import git from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { UserError } from "@/lib/errors";

// Reads one file of a Git repository at the tip of a branch: a shallow, single-branch clone into a temporary folder
// (isomorphic-git, so no git binary is needed beside Berth), then the file and the commit id. Nothing is kept.

export interface FetchedFile {
  commit: string;
  text: string;
}

const MAX_FILE = 1024 * 1024;

export async function fetchRepoFile(opts: {
  url: string;
  branch: string;
  path: string;
  token: string | null;
  timeoutMs?: number;
}): Promise<FetchedFile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-git-"));
  const where = `${opts.url} (${opts.branch})`;
  try {
    const clone = git.clone({
      fs,
      http,
      dir,
      url: opts.url,
      ref: opts.branch,
      singleBranch: true,
      depth: 1,
      noTags: true,
      // Hosting services take a token as the password of any user name (GitHub wants x-access-token for app tokens).
      onAuth: () => (opts.token ? { username: "x-access-token", password: opts.token } : { cancel: true }),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), opts.timeoutMs ?? 60_000);
    });
    try {
      await Promise.race([clone, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const commit = await git.resolveRef({ fs, dir, ref: "HEAD" });
    const file = path.join(dir, opts.path);
    if (!file.startsWith(`${dir}${path.sep}`)) throw new UserError(`${opts.path} is outside the repository`, 400);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new UserError(`${opts.path} is not in ${where} at ${commit.slice(0, 12)}`, 404, "git_file_missing");
    }
    if (!stat.isFile() || stat.size > MAX_FILE)
      throw new UserError(`${opts.path} in ${where} is not a file of at most 1 MB`, 400);
    return { commit, text: fs.readFileSync(file, "utf8") };
  } catch (err) {
    if (err instanceof UserError) throw err;
    const e = err as { code?: string; data?: { statusCode?: number }; message?: string };
    const reason =
      e.code === "HttpError" && (e.data?.statusCode === 401 || e.data?.statusCode === 403)
        ? "the server refused the credentials (check the token)"
        : e.code === "NotFoundError"
          ? `no branch ${opts.branch}`
          : (e.message ?? "unknown error").slice(0, 300);
    throw new UserError(`Could not read ${where}: ${reason}`, 409, "git_failed");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
