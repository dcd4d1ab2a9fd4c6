"use client";

import { type FormEvent, useCallback, useEffect, useState } from "react";
import { buttonClass, primaryClass } from "@/components/ui/button";
import { TableScroll } from "@/components/ui/table-scroll";

interface Entry {
  name: string;
  type: "file" | "directory" | "symlink" | "other";
  size: number;
  mode: number;
  mtime: number;
  linkTarget?: string;
}

const modeText = (m: number) => `0${(m & 0o7777).toString(8).padStart(3, "0")}`;
const sizeText = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

/**
 * A volume's files, read-only, one folder at a time, with downloads of the volume or the folder as a tar, and a
 * restore from a tar when the volume is empty. Operators only (the page shows it to them; the API checks again).
 */
export function VolumeFiles({ endpointId, volume }: { endpointId: string; volume: string }) {
  const [path, setPath] = useState("");
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/endpoints/${encodeURIComponent(endpointId)}`;

  const load = useCallback(
    async (dir: string) => {
      setEntries(null);
      const res = await fetch(`${base}/volume-files/${encodeURIComponent(volume)}?path=${encodeURIComponent(dir)}`);
      const body = await res.json();
      if (!res.ok) {
        setStatus({ ok: false, text: body.detail ?? "The files could not be listed." });
        setEntries([]);
        return;
      }
      setEntries(body.entries);
      setTruncated(body.truncated);
    },
    [base, volume],
  );

  useEffect(() => {
    void load(path);
  }, [load, path]);

  async function restore(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem("archive") as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true);
    setStatus(null);
    try {
      const res = await fetch(`${base}/volume-archive/${encodeURIComponent(volume)}`, { method: "PUT", body: file });
      const body = await res.json().catch(() => ({}));
      setStatus(
        res.ok ? { ok: true, text: `Restored ${file.name}.` } : { ok: false, text: body.detail ?? "Restore failed." },
      );
      if (res.ok) await load(path);
    } finally {
      setBusy(false);
    }
  }

  const parts = path ? path.split("/") : [];
  const archive = (dir: string) =>
    `${base}/volume-archive/${encodeURIComponent(volume)}${dir ? `?path=${encodeURIComponent(dir)}` : ""}`;
  return (
    <section aria-labelledby="volume-files" className="mt-6 space-y-3">
      <h2 id="volume-files" className="text-lg font-semibold">
        Files
      </h2>
      <nav aria-label="Folder" className="flex flex-wrap items-center gap-1 text-sm">
        <button type="button" className={`${buttonClass} max-w-full break-all`} onClick={() => setPath("")}>
          {volume}
        </button>
        {parts.map((p, i) => (
          <span key={parts.slice(0, i + 1).join("/")} className="flex items-center gap-1">
            <span aria-hidden="true">/</span>
            <button type="button" className={buttonClass} onClick={() => setPath(parts.slice(0, i + 1).join("/"))}>
              {p}
            </button>
          </span>
        ))}
        <a className={`${buttonClass} break-all`} href={archive(path)} download>
          {path ? "Download folder" : "Download volume"}
        </a>
      </nav>
      {entries === null ? (
        <p role="status">Reading…</p>
      ) : (
        <TableScroll label="Files of the volume">
          <table aria-label="Files" className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Size</th>
                <th scope="col">Mode</th>
                <th scope="col">Modified</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.name}>
                  <th scope="row" className="font-normal">
                    {e.type === "directory" ? (
                      <button
                        type="button"
                        className="text-blue-700 underline dark:text-blue-400"
                        onClick={() => setPath(path ? `${path}/${e.name}` : e.name)}
                      >
                        {e.name}/
                      </button>
                    ) : (
                      <span>
                        {e.name}
                        {e.linkTarget !== undefined && ` → ${e.linkTarget}`}
                      </span>
                    )}
                  </th>
                  <td>{e.type}</td>
                  <td>{e.type === "file" ? sizeText(e.size) : ""}</td>
                  <td>{modeText(e.mode)}</td>
                  <td>{e.mtime ? new Date(e.mtime).toISOString().replace("T", " ").slice(0, 19) : ""}</td>
                </tr>
              ))}
              {entries.length === 0 && (
                <tr>
                  <td colSpan={5}>Empty</td>
                </tr>
              )}
            </tbody>
          </table>
        </TableScroll>
      )}
      {truncated && <p>Only the first 2,000 entries are listed.</p>}
      {entries?.length === 0 && path === "" && (
        <form onSubmit={restore} aria-label="Restore from a tar" className="flex flex-wrap items-center gap-2 text-sm">
          <label className="max-w-full">
            Tar archive{" "}
            <input name="archive" type="file" accept=".tar,application/x-tar" required className="max-w-full" />
          </label>
          <button type="submit" disabled={busy} className={primaryClass}>
            Restore
          </button>
        </form>
      )}
      {status && (
        <p role={status.ok ? "status" : "alert"} className={status.ok ? "text-green-700" : "text-red-700"}>
          {status.text}
        </p>
      )}
    </section>
  );
}
