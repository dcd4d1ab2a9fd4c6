/**
 * What a non-admin may not put in a pod spec, wherever it sits (a Pod, a workload's template, a CronJob's job
 * template): privileged containers, host namespaces, hostPath volumes, added capabilities. Each finding names its
 * place so the message says what to remove. Pure: unit tested.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The pod spec inside an object of any workload kind, with where it was found. */
export function podSpecsOf(o: unknown): { at: string; spec: Obj }[] {
  if (!isObj(o)) return [];
  const kind = String(o.kind ?? "");
  const spec = isObj(o.spec) ? o.spec : {};
  if (kind === "Pod") return [{ at: "spec", spec }];
  if (kind === "CronJob") {
    const job = isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
    const tpl = isObj(job.template) && isObj(job.template.spec) ? job.template.spec : {};
    return [{ at: "spec.jobTemplate.spec.template.spec", spec: tpl }];
  }
  if (isObj(spec.template) && isObj(spec.template.spec))
    return [{ at: "spec.template.spec", spec: spec.template.spec }];
  return [];
}

export function podSpecViolations(spec: Obj, at = "spec"): string[] {
  const out: string[] = [];
  for (const f of ["hostNetwork", "hostPID", "hostIPC"] as const) if (spec[f] === true) out.push(`${at}.${f}`);
  list(spec.volumes).forEach((v, i) => {
    if (isObj(v) && v.hostPath !== undefined) out.push(`${at}.volumes[${i}].hostPath`);
  });
  for (const group of ["initContainers", "containers", "ephemeralContainers"] as const) {
    list(spec[group]).forEach((c, i) => {
      if (!isObj(c)) return;
      const sc = isObj(c.securityContext) ? c.securityContext : {};
      const where = `${at}.${group}[${i}].securityContext`;
      if (sc.privileged === true) out.push(`${where}.privileged`);
      if (sc.allowPrivilegeEscalation === true) out.push(`${where}.allowPrivilegeEscalation`);
      const caps = isObj(sc.capabilities) ? sc.capabilities : {};
      if (list(caps.add).length) out.push(`${where}.capabilities.add`);
      list(c.ports).forEach((p, j) => {
        if (isObj(p) && p.hostPort !== undefined) out.push(`${at}.${group}[${i}].ports[${j}].hostPort`);
      });
    });
  }
  return out;
}

/** Every violation in an object of any kind (empty when it has no pod spec). */
export function objectViolations(o: unknown): string[] {
  return podSpecsOf(o).flatMap(({ at, spec }) => podSpecViolations(spec, at));
}
