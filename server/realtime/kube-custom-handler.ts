import type { Diff } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { CustomRow } from "@/lib/kube-types";
import { kubeOf } from "@/server/endpoints/access";
import { authorize } from "@/server/services/authorize";
import type { TopicHandler } from "./topic-handler";

// A CRD's objects, live: `endpoint:<id>:ns:<namespace|->:k8scr:<crd name>` ("-": every namespace, or a
// cluster-scoped CRD). One informer per topic, started by the first subscriber and stopped after the last.

const KEY = Symbol.for("berth.kube-custom-informers");
const g = globalThis as { [KEY]?: Map<string, { rows: Map<string, CustomRow> }> };
g[KEY] ??= new Map();
const running = g[KEY];

export const KUBE_CUSTOM_PATTERN =
  /^endpoint:(?<endpointId>[a-zA-Z0-9_-]{1,64}):ns:(?<namespace>-|[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?):k8scr:(?<crd>[a-z0-9][-a-z0-9.]{0,252})$/;

const nsOf = (n: string | undefined) => (n && n !== "-" ? n : undefined);

export const kubeCustomHandler: TopicHandler = {
  kind: "kubeCustom",
  pattern: KUBE_CUSTOM_PATTERN,
  permission: "kube:read",
  snapshot(actor, t): CustomRow[] {
    authorize(actor, "kube:read", { endpointId: t.endpointId, namespace: nsOf(t.namespace) });
    kubeOf(t.endpointId!);
    // The first viewer gets rows as the informer's first diff; later ones what it holds.
    return [...(running.get(t.name)?.rows.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  },
  acquire(t, _rt, broadcast) {
    let stopped = false;
    let stop = () => {};
    const holder = { rows: new Map<string, CustomRow>() };
    running.set(t.name, holder);
    void (async () => {
      const k = kubeOf(t.endpointId!);
      const crd = await k.getCrd(t.crd!).catch(() => null);
      if (stopped) return;
      if (!crd) return broadcast("topic:error", { topic: t.name, error: new NotFoundError("No such CRD").message });
      const inf = k.customInformer(crd, nsOf(t.namespace));
      holder.rows = inf.rows;
      inf.on("diff", (diff: Diff<CustomRow>) => broadcast("diff", { topic: t.name, diff }));
      inf.start();
      stop = () => inf.stop();
    })();
    return () => {
      stopped = true;
      stop();
      running.delete(t.name);
    };
  },
};
