"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { UiButton } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TableScroll } from "@/components/ui/table-scroll";
import { toast } from "@/components/ui/toast";
import type { ChannelView, DeliveryView, RuleView } from "@/lib/alert-schemas";
import { CHANNEL_LABELS, RULE_LABELS } from "@/lib/alerts";
import { formatTime } from "@/lib/format";
import { deleteChannelAction, deleteRuleAction, testChannelAction } from "@/server/actions/alerts/alert-actions";
import { ChannelDialog } from "./ChannelDialog";
import { RuleDialog } from "./RuleDialog";

type Choice = { id: string; name: string };
const th = "py-2 pr-3 font-semibold";
const row = "border-b border-slate-200 dark:border-slate-800";

/**
 * Alerts: rules of the endpoints the user may see (operators edit those of their endpoints), and for admins the
 * channels (with "Send test") and the delivery log. Changes refresh the page's server data.
 */
export function AlertsView(props: {
  rules: RuleView[];
  endpoints: Choice[];
  /** Endpoints where the user may write rules. */
  writable: string[];
  channelChoices: Choice[];
  channels: ChannelView[] | null;
  deliveries: DeliveryView[] | null;
}) {
  const router = useRouter();
  const refresh = () => router.refresh();
  const [dialog, setDialog] = useState<
    { kind: "rule"; rule?: RuleView } | { kind: "channel"; channel?: ChannelView } | null
  >(null);
  const [confirm, setConfirm] = useState<{ title: string; run: () => Promise<{ ok: boolean; error?: string }> } | null>(
    null,
  );
  const [testing, setTesting] = useState<string | null>(null);
  const writable = new Set(props.writable);
  const endpointName = (id: string) => props.endpoints.find((e) => e.id === id)?.name ?? id;
  const channelName = (id: string) => props.channelChoices.find((c) => c.id === id)?.name ?? "(deleted)";

  const sendTest = async (c: ChannelView) => {
    setTesting(c.id);
    const r = await testChannelAction({ channelId: c.id }).catch(() => ({
      ok: false as const,
      error: "Berth could not be reached",
    }));
    setTesting(null);
    if (r.ok) toast.success(`Test message sent to ${c.name}`);
    else toast.error(`Test message to ${c.name} failed`, { details: r.error });
    refresh();
  };

  return (
    <div className="space-y-8">
      <section aria-labelledby="rules-heading" className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 id="rules-heading" className="text-lg font-semibold">
            Rules
          </h2>
          {writable.size > 0 && <UiButton onClick={() => setDialog({ kind: "rule" })}>Add rule</UiButton>}
        </div>
        <TableScroll label="Alert rules">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Alert rules</caption>
            <thead className="border-b border-slate-300 dark:border-slate-700">
              <tr>
                <th scope="col" className={th}>
                  Name
                </th>
                <th scope="col" className={th}>
                  Endpoint
                </th>
                <th scope="col" className={th}>
                  When
                </th>
                <th scope="col" className={th}>
                  Send to
                </th>
                <th scope="col" className={th}>
                  State
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rules.length === 0 && (
                <tr>
                  <td colSpan={6} className="py-4 text-slate-500 dark:text-slate-400">
                    No alert rules yet.
                  </td>
                </tr>
              )}
              {props.rules.map((r) => (
                <tr key={r.id} className={row}>
                  <th scope="row" className="py-1 pr-3 font-medium">
                    {r.name}
                  </th>
                  <td className="pr-3">{endpointName(r.endpointId)}</td>
                  <td className="pr-3">{RULE_LABELS[r.trigger]}</td>
                  <td className="pr-3">{r.channelIds.map(channelName).join(", ")}</td>
                  <td className="pr-3">{r.enabled ? "enabled" : "disabled"}</td>
                  <td className="space-x-1 whitespace-nowrap">
                    {writable.has(r.endpointId) && (
                      <>
                        <UiButton variant="outline" onClick={() => setDialog({ kind: "rule", rule: r })}>
                          Edit<span className="sr-only"> rule {r.name}</span>
                        </UiButton>
                        <UiButton
                          variant="outline"
                          onClick={() =>
                            setConfirm({
                              title: `Delete alert rule ${r.name}?`,
                              run: () => deleteRuleAction({ endpointId: r.endpointId, ruleId: r.id }),
                            })
                          }
                        >
                          Delete<span className="sr-only"> rule {r.name}</span>
                        </UiButton>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      {props.channels && (
        <section aria-labelledby="channels-heading" className="space-y-2">
          <div className="flex items-center justify-between">
            <h2 id="channels-heading" className="text-lg font-semibold">
              Channels
            </h2>
            <UiButton onClick={() => setDialog({ kind: "channel" })}>Add channel</UiButton>
          </div>
          <TableScroll label="Alert channels">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Alert channels</caption>
              <thead className="border-b border-slate-300 dark:border-slate-700">
                <tr>
                  <th scope="col" className={th}>
                    Name
                  </th>
                  <th scope="col" className={th}>
                    Kind
                  </th>
                  <th scope="col" className={th}>
                    Secrets
                  </th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.channels.map((c) => (
                  <tr key={c.id} className={row}>
                    <th scope="row" className="py-1 pr-3 font-medium">
                      {c.name}
                    </th>
                    <td className="pr-3">{CHANNEL_LABELS[c.kind]}</td>
                    <td className="pr-3">{c.storedSecrets.length ? `${c.storedSecrets.join(", ")} stored` : "none"}</td>
                    <td className="space-x-1 whitespace-nowrap">
                      <UiButton variant="outline" disabled={testing === c.id} onClick={() => void sendTest(c)}>
                        {testing === c.id ? "Sending…" : "Send test"}
                        <span className="sr-only"> to {c.name}</span>
                      </UiButton>
                      <UiButton variant="outline" onClick={() => setDialog({ kind: "channel", channel: c })}>
                        Edit<span className="sr-only"> channel {c.name}</span>
                      </UiButton>
                      <UiButton
                        variant="outline"
                        onClick={() =>
                          setConfirm({
                            title: `Delete alert channel ${c.name}?`,
                            run: () => deleteChannelAction({ channelId: c.id }),
                          })
                        }
                      >
                        Delete<span className="sr-only"> channel {c.name}</span>
                      </UiButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}

      {props.deliveries && (
        <section aria-labelledby="deliveries-heading" className="space-y-2">
          <h2 id="deliveries-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <TableScroll label="Delivery log">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Alert deliveries</caption>
              <thead className="border-b border-slate-300 dark:border-slate-700">
                <tr>
                  <th scope="col" className={th}>
                    When
                  </th>
                  <th scope="col" className={th}>
                    Message
                  </th>
                  <th scope="col" className={th}>
                    Channel
                  </th>
                  <th scope="col" className={th}>
                    State
                  </th>
                  <th scope="col" className={th}>
                    Attempts
                  </th>
                  <th scope="col" className={th}>
                    Last error
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.deliveries.map((d) => (
                  <tr key={d.id} className={row}>
                    <td className="whitespace-nowrap pr-3 text-xs">{formatTime(d.createdAt)}</td>
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {d.title}
                    </th>
                    <td className="pr-3">{d.channelName}</td>
                    <td className="pr-3">
                      {d.state}
                      {d.state === "pending" && d.attempts > 0 && ` (retry ${formatTime(d.nextAttemptAt)})`}
                    </td>
                    <td className="pr-3 tabular-nums">{d.attempts}</td>
                    <td className="pr-3 text-xs text-red-700 dark:text-red-400">{d.lastError ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}

      {dialog?.kind === "rule" && (
        <RuleDialog
          rule={dialog.rule}
          endpoints={props.endpoints.filter((e) => writable.has(e.id))}
          channels={props.channelChoices}
          onClose={() => setDialog(null)}
          onSaved={refresh}
        />
      )}
      {dialog?.kind === "channel" && (
        <ChannelDialog channel={dialog.channel} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm.title}
          body="This cannot be undone."
          confirmLabel="Delete"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const c = confirm;
            setConfirm(null);
            void c.run().then((r) => {
              if (r.ok) toast.success("Deleted");
              else toast.error("Delete failed", { details: r.error });
              refresh();
            });
          }}
        />
      )}
    </div>
  );
}
