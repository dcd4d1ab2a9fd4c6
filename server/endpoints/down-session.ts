import type { EndpointKind } from "@/lib/domain";
import type { Logger } from "@/server/log";
import { type Capability, type Connected, EndpointSession } from "./session";

const NONE: ReadonlySet<Capability> = new Set();

/**
 * A session that stays down with a fixed reason and never touches the network: for a stored endpoint Berth cannot
 * use (an address it cannot parse, a kind without a driver in this build). The endpoint still lists, saying why.
 */
export class DownSession extends EndpointSession {
  constructor(
    endpointId: string,
    readonly kind: EndpointKind,
    private readonly reason: string,
    log: Logger,
  ) {
    super(endpointId, log);
  }

  get capabilities(): ReadonlySet<Capability> {
    return NONE;
  }

  access(): never {
    throw new Error(this.reason);
  }

  describeError(): string {
    return this.reason;
  }

  protected connect(): Promise<Connected> {
    return Promise.reject(new Error(this.reason));
  }

  protected probe(): Promise<number> {
    return Promise.reject(new Error(this.reason));
  }

  protected async reconcile(): Promise<void> {}
  protected dropUpstream(): void {}
  protected close(): void {}
}
