import { buildImage, compose, waitHealthy } from "./compose-env";

/** Builds the image and brings the compose file up on an empty project (volumes of an earlier run removed). */
export default async function globalSetup(): Promise<void> {
  compose("down", "-v", "--remove-orphans");
  buildImage();
  compose("up", "-d", "--no-build");
  await waitHealthy("berth");
}
