import type { KubeObject } from "@/server/endpoints/kubernetes/kube-object";

/** An object as people read it: no managedFields, no bookkeeping that changes on every write. */
export function tidyForYaml(o: KubeObject): KubeObject {
  const copy = structuredClone(o) as KubeObject;
  if (copy.metadata) {
    delete copy.metadata.managedFields;
    delete copy.metadata.resourceVersion;
    delete copy.metadata.generation;
    const ann = copy.metadata.annotations;
    if (ann) {
      delete ann["kubectl.kubernetes.io/last-applied-configuration"];
      if (!Object.keys(ann).length) delete copy.metadata.annotations;
    }
  }
  delete copy.status;
  return copy;
}

/** Hides every value of a Secret (data and stringData), keeping the keys. */
export function hideSecretValues(o: KubeObject): KubeObject {
  if (o.kind !== "Secret") return o;
  const hide = (m: unknown) =>
    m && typeof m === "object" ? Object.fromEntries(Object.keys(m).map((k) => [k, "(hidden)"])) : m;
  return { ...o, data: hide(o.data), ...(o.stringData ? { stringData: hide(o.stringData) } : {}) };
}

/** A line diff ("-", "+", " " prefixes) of two texts, by longest common subsequence; fine for object-sized YAML. */
export function lineDiff(a: string, b: string): string {
  const x = a.split("\n");
  const y = b.split("\n");
  if (x.length * y.length > 4_000_000) return `- (${x.length} lines)\n+ (${y.length} lines)`;
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push(`  ${x[i]}`);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push(`- ${x[i++]}`);
    else out.push(`+ ${y[j++]}`);
  }
  while (i < n) out.push(`- ${x[i++]}`);
  while (j < m) out.push(`+ ${y[j++]}`);
  return out.join("\n");
}
