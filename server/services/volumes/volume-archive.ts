import { PassThrough, type Readable } from "node:stream";
import type Docker from "dockerode";
import tar from "tar-stream";
import { optionsBind } from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { loadContainerRestrictions } from "../settings/container-restrictions";
import { type UseCaseContext, useCase } from "../use-case";

// A volume's files through the Engine API's archive endpoints, on a helper container that is created (never started)
// with the volume mounted, from an image already on the engine, and removed afterwards: nothing is pulled, nothing
// runs, and the bytes stream through Berth without being held. Operators of the endpoint only; every use audited.

/** Where the helper mounts the volume; archive entries are renamed relative to it. */
const MOUNT = "/volume";
const LIST_MAX = 2_000;

export interface VolumeEntry {
  name: string;
  type: "file" | "directory" | "symlink" | "other";
  size: number;
  mode: number;
  mtime: number;
  linkTarget?: string;
}

/** A folder inside the volume: relative, no "..", no NUL; "" is the volume's root. */
export function cleanVolumePath(raw: string | undefined): string {
  const parts = (raw ?? "").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === ".." || p.includes("\0"))) throw new UserError("Not a path inside the volume", 400);
  return parts.join("/");
}

async function helperImage(api: Docker, volume: string): Promise<string> {
  const configured = process.env.BERTH_VOLUME_HELPER_IMAGE;
  if (configured) return configured;
  // An image a container that uses this volume runs, else the smallest image on the engine.
  const users = await api.listContainers({ all: true, filters: JSON.stringify({ volume: [volume] }) });
  if (users[0]?.ImageID) return users[0].ImageID;
  const images = (await api.listImages()).filter((i) => (i.RepoTags ?? []).some((t) => t !== "<none>:<none>"));
  images.sort((a, b) => (a.Size ?? 0) - (b.Size ?? 0));
  if (!images[0])
    throw new UserError("This engine has no image to make a helper container from: pull any image first", 409);
  return images[0].Id;
}

/** Refuses what the non-admin restrictions refuse: a volume that binds a host path is a bind mount in disguise. */
async function checkRestrictions(actor: Actor, api: Docker, volume: string): Promise<void> {
  const info = (await api.getVolume(volume).inspect()) as { Driver?: string; Options?: Record<string, string> | null };
  if (actor.isAdmin) return;
  const why = optionsBind(info.Driver, info.Options ?? {});
  if (why && (await loadContainerRestrictions()).bindMounts)
    throw new ForbiddenError(`Refused by the container restrictions (bind mounts): volume ${volume}: ${why}`);
}

/** A helper that is created and never started: no network, a command that would do nothing, the volume mounted. */
function helperSpec(image: string, volume: string, readOnly: boolean): Docker.ContainerCreateOptions {
  return {
    Image: image,
    Cmd: ["true"],
    Entrypoint: [],
    NetworkDisabled: true,
    Labels: { "berth.helper": "volume-archive" },
    HostConfig: {
      NetworkMode: "none",
      Mounts: [{ Type: "volume", Source: volume, Target: MOUNT, ReadOnly: readOnly }],
    },
  };
}

/** Runs `fn` with a created-not-started helper container mounting the volume, and removes it whatever happens. */
async function withHelper<T>(api: Docker, volume: string, readOnly: boolean, fn: (c: Docker.Container) => Promise<T>) {
  const container = await api.createContainer({
    Image: await helperImage(api, volume),
    Cmd: ["true"],
    Entrypoint: [],
    NetworkDisabled: true,
    Labels: { "berth.helper": "volume-archive" },
    HostConfig: {
      NetworkMode: "none",
      Mounts: [{ Type: "volume", Source: volume, Target: MOUNT, ReadOnly: readOnly }],
    },
  });
  try {
    return await fn(container);
  } finally {
    await container.remove({ force: true, v: false }).catch(() => {});
  }
}

/** Reads the archive of `path` header by header, skipping file bodies, calling `onEntry` with names relative to it. */
function scanArchive(stream: Readable, onEntry: (h: tar.Headers, rel: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (err) reject(err);
      else resolve();
    };
    extract.on("entry", (header, body, next) => {
      const rel = header.name.split("/").slice(1).join("/").replace(/\/$/, "");
      const more = onEntry(header, rel);
      body.on("end", next);
      body.resume();
      if (!more) finish();
    });
    extract.on("finish", () => finish());
    extract.on("error", (e) => finish(e));
    stream.on("error", (e) => finish(e));
    stream.pipe(extract);
  });
}

const typeOf = (h: tar.Headers): VolumeEntry["type"] =>
  h.type === "file" ? "file" : h.type === "directory" ? "directory" : h.type === "symlink" ? "symlink" : "other";

const isMissing = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;
const spec = (endpointId: string, audit: string, target: string) => ({
  engine: true,
  audit,
  permission: "volume:manage" as const,
  resource: { endpointId },
  target,
});

/** The entries directly inside one folder of the volume (read-only helper). */
export async function browseVolume(
  actor: Actor | null,
  input: { endpointId: string; volume: string; path?: string },
  ctx?: UseCaseContext,
): Promise<{ path: string; entries: VolumeEntry[]; truncated: boolean }> {
  const dir = cleanVolumePath(input.path);
  return useCase(
    actor,
    spec(input.endpointId, "volume.browse", `${input.volume}:/${dir}`),
    async (who) => {
      const session = dockerOf(input.endpointId);
      await checkRestrictions(who, session.api, input.volume);
      const entries: VolumeEntry[] = [];
      let truncated = false;
      await withHelper(session.api, input.volume, true, async (c) => {
        const archive = await session
          .streams()
          .getContainer(c.id)
          .getArchive({ path: `${MOUNT}/${dir}` })
          .catch((err) => {
            throw isMissing(err) ? new UserError("No such folder in this volume", 404) : err;
          });
        await scanArchive(archive as unknown as Readable, (h, rel) => {
          if (rel === "" || rel.includes("/")) return true;
          entries.push({
            name: rel,
            type: typeOf(h),
            size: h.size ?? 0,
            mode: (h.mode ?? 0) & 0o7777,
            mtime: h.mtime ? h.mtime.getTime() : 0,
            ...(h.type === "symlink" ? { linkTarget: h.linkname ?? "" } : {}),
          });
          if (entries.length >= LIST_MAX) truncated = true;
          return !truncated;
        });
      });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      return { path: dir, entries, truncated };
    },
    ctx,
  );
}

/**
 * A tar stream of the volume (or one folder of it), entries named relative to it: what restore takes back. The
 * engine's archive is re-packed entry by entry as it arrives, so memory stays flat however large the files are.
 */
export async function downloadVolume(
  actor: Actor | null,
  input: { endpointId: string; volume: string; path?: string },
  ctx?: UseCaseContext,
): Promise<{ stream: Readable; name: string }> {
  const dir = cleanVolumePath(input.path);
  return useCase(
    actor,
    spec(input.endpointId, "volume.download", `${input.volume}:/${dir}`),
    async (who) => {
      const session = dockerOf(input.endpointId);
      await checkRestrictions(who, session.api, input.volume);
      const container = await session.api.createContainer(
        helperSpec(await helperImage(session.api, input.volume), input.volume, true),
      );
      const cleanup = () => void container.remove({ force: true }).catch(() => {});
      let source: Readable;
      try {
        source = (await session
          .streams()
          .getContainer(container.id)
          .getArchive({ path: `${MOUNT}/${dir}` })) as unknown as Readable;
      } catch (err) {
        cleanup();
        throw isMissing(err) ? new UserError("No such folder in this volume", 404) : err;
      }
      return {
        stream: repack(source, cleanup),
        name: `${input.volume}${dir ? `-${dir.replace(/\//g, "_")}` : ""}.tar`,
      };
    },
    ctx,
  );
}

/** The engine's archive re-packed entry by entry with names relative to the folder; `done` runs when it ends. */
function repack(source: Readable, done: () => void): Readable {
  const extract = tar.extract();
  const pack = tar.pack();
  extract.on("entry", (header, body, next) => {
    const rel = header.name.split("/").slice(1).join("/");
    if (rel === "" || rel === "/") {
      body.on("end", next);
      body.resume();
      return;
    }
    const entry = pack.entry({ ...header, name: rel }, (err) => (err ? extract.destroy(err) : next()));
    body.pipe(entry);
  });
  extract.on("finish", () => {
    pack.finalize();
    done();
  });
  const fail = (err: Error) => {
    done();
    pack.destroy(err);
  };
  extract.on("error", fail);
  source.on("error", fail);
  source.pipe(extract);
  // If the client goes away, the engine stream goes too.
  const out = new PassThrough();
  out.on("close", () => {
    source.destroy();
    done();
  });
  pack.pipe(out);
  return out;
}

/**
 * Unpacks a tar (entries relative to the volume's root, as download makes them) into a volume that is new (created
 * here) or empty; a volume with files is refused, so nothing is overwritten. Streams the upload to the engine.
 */
export function restoreVolume(
  actor: Actor | null,
  input: { endpointId: string; volume: string; create: boolean },
  body: Readable,
  ctx?: UseCaseContext,
): Promise<{ volume: string; created: boolean }> {
  return useCase(
    actor,
    { ...spec(input.endpointId, "volume.restore", input.volume) },
    async (who, note) => {
      const session = dockerOf(input.endpointId);
      const api = session.api;
      let created = false;
      try {
        const exists = await api
          .getVolume(input.volume)
          .inspect()
          .then(() => true)
          .catch((err) => {
            if (isMissing(err)) return false;
            throw err;
          });
        if (!exists) {
          if (!input.create) throw new UserError(`No volume named ${input.volume} (ask to create it)`, 404);
          await api.createVolume({ Name: input.volume, Labels: { "berth.restored": new Date().toISOString() } });
          created = true;
        } else if (input.create) {
          throw new UserError(`A volume named ${input.volume} exists already`, 409);
        }
        await checkRestrictions(who, api, input.volume);
        await withHelper(api, input.volume, false, async (c) => {
          let files = 0;
          const listing = (await session
            .streams()
            .getContainer(c.id)
            .getArchive({ path: MOUNT })) as unknown as Readable;
          await scanArchive(listing, (_h, rel) => {
            if (rel !== "") files++;
            return files === 0;
          });
          if (files > 0)
            throw new UserError(`Volume ${input.volume} is not empty: restore into a new or empty volume`, 409);
          await session.streams().getContainer(c.id).putArchive(body, { path: MOUNT });
        });
        note.detail = created ? "into a new volume" : "into an empty volume";
        return { volume: input.volume, created };
      } catch (err) {
        body.resume();
        if (created)
          await api
            .getVolume(input.volume)
            .remove()
            .catch(() => {});
        throw err;
      }
    },
    ctx,
  );
}
