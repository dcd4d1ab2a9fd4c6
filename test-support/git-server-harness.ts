import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

// Test support: a Git server on loopback (git's own http-backend CGI behind a tiny Node HTTP server) with one
// repository, optionally behind a token (Basic auth, any user name), and a working clone to commit and push from.

export interface GitServer {
  url: string;
  commit(files: Record<string, string>, message: string): string;
  close(): Promise<void>;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).trim();

export async function startGitServer(opts: { token?: string; branch?: string } = {}): Promise<GitServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "berth-git-srv-"));
  const branch = opts.branch ?? "main";
  git(root, "init", "-q", "--bare", "-b", branch, "app.git");
  const work = path.join(root, "work");
  git(root, "init", "-q", "-b", branch, "work");
  git(work, "remote", "add", "origin", path.join(root, "app.git"));
  const server = http.createServer((req, res) => {
    if (opts.token) {
      const auth = req.headers.authorization ?? "";
      const pass = Buffer.from(auth.replace(/^Basic /, ""), "base64")
        .toString()
        .split(":")
        .slice(1)
        .join(":");
      if (pass !== opts.token) {
        res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end();
        return;
      }
    }
    const url = new URL(req.url ?? "/", "http://x");
    const cgi = spawn("/usr/lib/git-core/git-http-backend", [], {
      env: {
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? "GET",
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        REMOTE_ADDR: "127.0.0.1",
        HTTP_GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
        NODE_ENV: process.env.NODE_ENV,
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let sent = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (sent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString().split("\r\n")) {
        const i = line.indexOf(":");
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === "status") status = Number.parseInt(v, 10);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      sent = true;
      res.write(head.subarray(end + 4));
    });
    cgi.on("close", () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/app.git`,
    commit(files, message) {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
        fs.writeFileSync(path.join(work, name), text);
      }
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", message);
      git(work, "push", "-q", "origin", branch);
      return git(work, "rev-parse", "HEAD");
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
