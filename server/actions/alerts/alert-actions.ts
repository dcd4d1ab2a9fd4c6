"use server";

import { channelRefInput, ruleInput, ruleRefInput, saveChannelInput } from "@/lib/alert-schemas";
import { defineAction } from "@/server/entry/action";
import { deleteChannel, saveChannel } from "@/server/services/alerts/manage-channels";
import { deleteRule, saveRule } from "@/server/services/alerts/manage-rules";
import { testChannel } from "@/server/services/alerts/test-channel";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const saveChannelAction = defineAction(
  { name: "alerts.channel.save", schema: saveChannelInput, permission: "alert:channels" },
  (actor, input) => saveChannel(actor, input, { source: "ui" }),
);

export const deleteChannelAction = defineAction(
  { name: "alerts.channel.delete", schema: channelRefInput, permission: "alert:channels" },
  (actor, input) => deleteChannel(actor, input.channelId, { source: "ui" }),
);

export const testChannelAction = defineAction(
  { name: "alerts.channel.test", schema: channelRefInput, permission: "alert:channels" },
  (actor, input) => testChannel(actor, input.channelId, { source: "ui" }),
);

export const saveRuleAction = defineAction(
  { name: "alerts.rule.save", schema: ruleInput, permission: "alert:rules", resource },
  (actor, input) => saveRule(actor, input, { source: "ui" }),
);

export const deleteRuleAction = defineAction(
  { name: "alerts.rule.delete", schema: ruleRefInput, permission: "alert:rules", resource },
  (actor, input) => deleteRule(actor, input, { source: "ui" }),
);
