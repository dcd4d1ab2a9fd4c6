"use client";

import Link from "next/link";
import { ResourceTable } from "@/components/resources/resource-table";
import { buttonClass } from "@/components/ui/button";
import { formatTime } from "@/lib/format";
import { formatBytes, type ImageSummary, shortId } from "@/lib/resources";

export function imageLabel(img: ImageSummary): string {
  return img.repoTags.length ? img.repoTags.join(", ") : `<none> ${shortId(img.imageId)}`;
}

export function ImagesTable(props: {
  images: ImageSummary[];
  endpointNames?: Record<string, string>;
  canManage: boolean;
  onTag?: (img: ImageSummary) => void;
  onRemove?: (img: ImageSummary) => void;
}) {
  const multi = !!props.endpointNames;
  return (
    <ResourceTable
      name="Images"
      first="Tags"
      multi={multi}
      columns={["Id", "Size", "Created", "Used by"]}
      isEmpty={props.images.length === 0}
      empty="No images yet: pull one, or create a container and its image comes too."
    >
      {props.images.map((img) => {
        const label = imageLabel(img);
        return (
          <tr key={img.key} className="border-b border-slate-200 dark:border-slate-800">
            <th scope="row" className="py-1 font-mono text-xs font-medium">
              {label}
            </th>
            {multi && <td>{props.endpointNames?.[img.endpointId] ?? img.endpointId}</td>}
            <td className="font-mono text-xs">{shortId(img.imageId)}</td>
            <td>{formatBytes(img.size)}</td>
            <td className="whitespace-nowrap text-xs">{formatTime(img.created)}</td>
            <td className="text-xs">
              {img.containers.length === 0 ? "unused" : img.containers.map((c) => c.name).join(", ")}
            </td>
            <td className="space-x-1 whitespace-nowrap">
              <Link
                className="text-xs text-blue-600 hover:underline dark:text-blue-300"
                href={`/endpoints/${encodeURIComponent(img.endpointId)}/images/${shortId(img.imageId)}`}
              >
                Inspect<span className="sr-only"> {label}</span>
              </Link>
              {props.canManage && props.onTag && (
                <button type="button" className={buttonClass} onClick={() => props.onTag?.(img)}>
                  Tag<span className="sr-only"> {label}</span>
                </button>
              )}
              {props.canManage && props.onRemove && (
                <button type="button" className={buttonClass} onClick={() => props.onRemove?.(img)}>
                  Remove<span className="sr-only"> {label}</span>
                </button>
              )}
            </td>
          </tr>
        );
      })}
    </ResourceTable>
  );
}
