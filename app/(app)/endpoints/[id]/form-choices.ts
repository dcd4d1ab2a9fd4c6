import type { Actor } from "@/lib/domain";
import { can } from "@/lib/policy";
import { listImages } from "@/server/services/images/list-images";
import { listNetworks } from "@/server/services/networks/list-networks";

/**
 * What the container form offers while typing: the endpoint's tagged images and its networks, for those allowed to
 * read them. A slow or failing read leaves the suggestions empty; the form still takes any typed value.
 */
export async function formChoices(actor: Actor, endpointId: string): Promise<{ images: string[]; networks: string[] }> {
  const [images, networks] = await Promise.all([
    can(actor, "image:read", { endpointId })
      ? listImages(actor, endpointId)
          .then((all) => all.flatMap((i) => i.repoTags).filter((t) => t && t !== "<none>:<none>"))
          .catch(() => [])
      : [],
    can(actor, "network:read", { endpointId })
      ? listNetworks(actor, endpointId)
          .then((all) => all.map((n) => n.name).filter((n) => n !== "none"))
          .catch(() => [])
      : [],
  ]);
  return { images: [...new Set(images)].sort(), networks: [...new Set(networks)].sort() };
}
