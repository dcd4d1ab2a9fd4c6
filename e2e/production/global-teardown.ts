import { composeReplicas } from "./compose-env";

export default async function globalTeardown(): Promise<void> {
  if (process.env.BERTH_KEEP_PROOF === "1") return;
  composeReplicas({}, "down", "-v", "--remove-orphans");
}
