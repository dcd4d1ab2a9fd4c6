import { compose } from "./compose-env";

export default async function globalTeardown(): Promise<void> {
  if (process.env.BERTH_KEEP_PROOF === "1") return;
  compose("down", "-v", "--remove-orphans");
}
