"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { UiButton } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import { toast } from "@/components/ui/toast";
import type { ChannelView, DeliveryView, RuleView } from "@/lib/alert-schemas";
import { CHANNEL_LABELS, RULE_LABELS } from "@/lib/alerts";
import { formatTime } from "@/lib/format";
import { deleteChannelAction, deleteRuleAction, testChannelAction } from "@/server/actions/alerts/alert-actions";
import { ChannelDialog } from "./ChannelDialog";
import { RuleDialog } from "./RuleDialog";

type Choice = { id: string; name: string };

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
        <SimpleTable
          label="Alert rules"
          rows={props.rules}
          rowKey={(r) => r.id}
          empty="No alert rules yet."
          columns={[
            { header: "Name", cell: (r) => r.name },
            { header: "Endpoint", cell: (r) => endpointName(r.endpointId) },
            { header: "When", cell: (r) => RULE_LABELS[r.trigger] },
            { header: "Send to", cell: (r) => r.channelIds.map(channelName).join(", ") },
            { header: "State", cell: (r) => (r.enabled ? "enabled" : "disabled") },
          ]}
          actions={(r) =>
            writable.has(r.endpointId) && (
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
            )
          }
        />
      </section>

      {props.channels && (
        <section aria-labelledby="channels-heading" className="space-y-2">
          <div className="flex items-center justify-between">
            <h2 id="channels-heading" className="text-lg font-semibold">
              Channels
            </h2>
            <UiButton onClick={() => setDialog({ kind: "channel" })}>Add channel</UiButton>
          </div>
          <SimpleTable
            label="Alert channels"
            rows={props.channels}
            rowKey={(c) => c.id}
            empty="No channels yet: add one to have rules send somewhere."
            columns={[
              { header: "Name", cell: (c) => c.name },
              { header: "Kind", cell: (c) => CHANNEL_LABELS[c.kind] },
              {
                header: "Secrets",
                cell: (c) => (c.storedSecrets.length ? `${c.storedSecrets.join(", ")} stored` : "none"),
              },
            ]}
            actions={(c) => (
              <>
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
              </>
            )}
          />
        </section>
      )}

      {props.deliveries && (
        <section aria-labelledby="deliveries-heading" className="space-y-2">
          <h2 id="deliveries-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <SimpleTable
            label="Delivery log"
            caption="Alert deliveries"
            rows={props.deliveries}
            rowKey={(d) => d.id}
            empty="Nothing sent yet."
            columns={[
              { header: "When", cell: (d) => formatTime(d.createdAt), className: "whitespace-nowrap pr-3 text-xs" },
              { header: "Message", cell: (d) => d.title, rowHeader: true, className: "py-1 pr-3 font-normal" },
              { header: "Channel", cell: (d) => d.channelName },
              {
                header: "State",
                cell: (d) => (
                  <>
                    {d.state}
                    {d.state === "pending" && d.attempts > 0 && ` (retry ${formatTime(d.nextAttemptAt)})`}
                  </>
                ),
              },
              { header: "Attempts", cell: (d) => d.attempts, className: "pr-3 tabular-nums" },
              {
                header: "Last error",
                cell: (d) => d.lastError ?? "",
                className: "pr-3 text-xs text-red-700 dark:text-red-400",
              },
            ]}
          />
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
