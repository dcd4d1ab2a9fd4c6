import type Docker from "dockerode";

/**
 * The engine's `/system/df`, one request at a time per endpoint. The engine runs one disk-usage walk at a time and
 * answers any other asked meanwhile with a 500 ("a disk usage operation is already running"): two people opening the
 * Volumes page together, or a volume list beside an image-prune preview, made one of them fail. Callers that arrive
 * while a walk is running share its answer instead.
 */
const inFlight = new Map<string, Promise<EngineDiskUsage>>();

export interface EngineDiskUsage {
  Images?: unknown[] | null;
  Volumes?: unknown[] | null;
  Containers?: unknown[] | null;
  LayersSize?: number;
}

export function diskUsage(api: Docker, endpointId: string): Promise<EngineDiskUsage> {
  const running = inFlight.get(endpointId);
  if (running) return running;
  const p = (api.df() as Promise<EngineDiskUsage>).finally(() => {
    if (inFlight.get(endpointId) === p) inFlight.delete(endpointId);
  });
  inFlight.set(endpointId, p);
  return p;
}
