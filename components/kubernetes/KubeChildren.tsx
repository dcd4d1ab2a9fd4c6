import Link from "next/link";
import type { KubeChild } from "@/lib/kube-types";
import { kubeHref } from "./KubeList";

const th = "py-1 pr-3";

/** What an object controls (or a Service selects), each linked to its own page. */
export function KubeChildren(props: { endpointId: string; kind: string; items: KubeChild[] }) {
  const title = props.kind === "Service" ? "Selected pods" : "Children";
  return (
    <section aria-label={title}>
      <h2 className="mb-1 text-lg font-semibold">{title}</h2>
      {props.items.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th className={th}>Kind</th>
              <th className={th}>Name</th>
              <th className={th}>Status</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((c) => (
              <tr key={`${c.kind}/${c.name}`}>
                <td className={th}>{c.kind}</td>
                <th scope="row" className={`${th} font-normal`}>
                  <Link href={kubeHref(props.endpointId, c.resource, c)} className="text-blue-600 hover:underline">
                    {c.name}
                  </Link>
                </th>
                <td className={th}>{c.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
