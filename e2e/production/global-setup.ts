import { buildImage, compose, composeReplicas, waitHealthy } from "./compose-env";

/** Builds the image and brings the compose file up on an empty project (volumes of an earlier run removed). */
export default async function globalSetup(): Promise<void> {
  composeReplicas({}, "down", "-v", "--remove-orphans");
  // BERTH_PROOF_SKIP_BUILD=1 reuses an image built moments ago (iterating on the proof itself).
  if (process.env.BERTH_PROOF_SKIP_BUILD !== "1") buildImage();
  compose("up", "-d", "--no-build");
  await waitHealthy("berth");
}
