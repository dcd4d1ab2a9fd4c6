import { readJsonPath } from "@/lib/kube-jsonpath";
import type { CrdInfo, CustomRow } from "@/lib/kube-types";
import { Informer } from "./informer";
import type { KubeClient } from "./kube-client";
import type { KubeList, KubeObject } from "./kube-object";

const CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

const str = (v: unknown) => (typeof v === "string" ? v : "");

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  additionalPrinterColumns?: {
    name?: string;
    type?: string;
    jsonPath?: string;
    description?: string;
    priority?: number;
  }[];
}

/** What Berth needs of a CRD: the version it lists (the storage version if served, else the first served). */
export function crdInfoOf(o: KubeObject): CrdInfo | null {
  const versions = (Array.isArray(o.spec?.versions) ? o.spec.versions : []) as CrdVersion[];
  const served = versions.filter((v) => v?.served);
  const v = served.find((x) => x.storage) ?? served[0];
  if (!v?.name) return null;
  return {
    name: str(o.metadata?.name),
    group: str(o.spec?.group),
    version: v.name,
    kind: str(o.spec?.names?.kind),
    plural: str(o.spec?.names?.plural),
    namespaced: o.spec?.scope === "Namespaced",
    columns: (v.additionalPrinterColumns ?? [])
      .filter((c) => !c?.priority && c?.name && c?.jsonPath)
      .slice(0, 12)
      .map((c) => ({
        name: str(c.name),
        type: str(c.type),
        jsonPath: str(c.jsonPath),
        description: str(c.description),
      })),
  };
}

export async function listCrds(client: KubeClient): Promise<CrdInfo[]> {
  const list = await client.request<KubeList>("GET", CRDS);
  return (list.items ?? [])
    .map(crdInfoOf)
    .filter((c): c is CrdInfo => c !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getCrd(client: KubeClient, name: string): Promise<CrdInfo | null> {
  return crdInfoOf(await client.request<KubeObject>("GET", `${CRDS}/${encodeURIComponent(name)}`));
}

/** The collection path of a CRD's objects, cluster-wide or in one namespace. */
export function customPath(crd: CrdInfo, namespace?: string): string {
  const ns = crd.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `/apis/${crd.group}/${crd.version}${ns}/${crd.plural}`;
}

export function customRow(crd: CrdInfo, o: KubeObject): CustomRow {
  const name = str(o.metadata?.name);
  const namespace = o.metadata?.namespace;
  return {
    id: namespace ? `${namespace}/${name}` : name,
    name,
    ...(namespace ? { namespace } : {}),
    createdAt: str(o.metadata?.creationTimestamp),
    cells: crd.columns.map((c) => readJsonPath(o, c.jsonPath)),
  };
}

/** A live list of one CRD's objects (list, then watch), rows with its printer columns. Started by the caller. */
export function customInformer(client: KubeClient, crd: CrdInfo, namespace?: string): Informer<CustomRow> {
  return new Informer<CustomRow>({ client, path: customPath(crd, namespace), map: (o) => customRow(crd, o) });
}
