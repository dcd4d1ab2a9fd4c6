import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { TableScroll } from "@/components/ui/table-scroll";
import { UserError } from "@/lib/errors";
import { formatTime } from "@/lib/format";
import { formatBytes, shortId } from "@/lib/resources";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { type ImageDetail, inspectImage } from "@/server/services/images/image-ops";

export const generateMetadata = endpointTitle("Images", "imageId");

export const dynamic = "force-dynamic";

export default async function ImageDetailPage({ params }: { params: Promise<{ id: string; imageId: string }> }) {
  const { id, imageId } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !/^[a-f0-9]{12,64}$/.test(imageId)) notFound();
  let img: ImageDetail;
  try {
    img = await inspectImage(actor, id, imageId);
  } catch (err) {
    if (err instanceof UserError) notFound();
    throw err;
  }
  const facts: [string, string][] = [
    ["Id", img.id],
    ["Tags", img.repoTags.join(", ") || "<none>"],
    ["Digests", img.repoDigests.join(", ")],
    ["Created", img.created],
    ["Size", formatBytes(img.size)],
    ["Platform", `${img.os}/${img.architecture}`],
    ["Entrypoint", img.entrypoint.join(" ")],
    ["Command", img.cmd.join(" ")],
    ["Working dir", img.workingDir],
    ["Exposed ports", img.exposedPorts.join(", ")],
    [
      "Labels",
      Object.entries(img.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(", "),
    ],
    ["Layers", String(img.layers.length)],
  ];
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        Image {img.repoTags[0] ?? shortId(img.id)} on {endpoint.name}
      </h1>
      <EndpointNav endpointId={id} current="images" />
      <dl className="mb-6 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium">{k}</dt>
            <dd className="break-all font-mono text-xs">{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mb-2 text-lg font-semibold">Layer history</h2>
      <TableScroll label="Image history table">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Layer history, newest first</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Created by</th>
              <th scope="col">Size</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {img.history.map((h, i) => (
              <tr key={`${h.id}-${i}`} className="border-b border-slate-200 align-top dark:border-slate-800">
                <td className="whitespace-nowrap text-xs">{formatTime(h.created)}</td>
                <td className="break-all font-mono text-xs">{h.createdBy}</td>
                <td className="whitespace-nowrap">{formatBytes(h.size)}</td>
                <td className="text-xs">{h.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
