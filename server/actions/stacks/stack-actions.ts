"use server";

import {
  composeDownInput,
  composeProjectInput,
  composeVerbInput,
  deployComposeInput,
  gitSourceInput,
  redeployComposeInput,
} from "@/lib/stack-schemas";
import { defineAction } from "@/server/entry/action";
import { startComposeDeploy } from "@/server/services/stacks/deploy-stack";
import { diffStack } from "@/server/services/stacks/diff-stack";
import { redeployFromGit, saveGitSource } from "@/server/services/stacks/git-source";
import { redeployStack } from "@/server/services/stacks/redeploy-stack";
import { composeDown, composeVerb } from "@/server/services/stacks/stack-verbs";

// Compose stacks on a plain Docker endpoint. Deploys return at once with their job; the steps follow on the
// endpoint's deploys topic. Each service authorizes again and writes the audit record.

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const deployComposeAction = defineAction(
  { name: "stacks.deploy", schema: deployComposeInput, permission: "container:create", resource: onEndpoint },
  (actor, input) => startComposeDeploy(actor, input, ui),
);

/** Pull and redeploy the current version, or roll back to an older one. */
export const redeployComposeAction = defineAction(
  { name: "stacks.redeploy", schema: redeployComposeInput, permission: "container:create", resource: onEndpoint },
  (actor, input) => redeployStack(actor, input, ui),
);

/** What a deploy of this file would change (a read: nothing is touched). */
export const diffComposeAction = defineAction(
  { name: "stacks.diff", schema: deployComposeInput, permission: "container:read", resource: onEndpoint },
  (actor, input) => diffStack(actor, input),
);

export const composeVerbAction = defineAction(
  { name: "stacks.verb", schema: composeVerbInput, permission: "container:operate", resource: onEndpoint },
  (actor, input) => composeVerb(actor, input, ui),
);

export const composeDownAction = defineAction(
  { name: "stacks.down", schema: composeDownInput, permission: "container:operate", resource: onEndpoint },
  (actor, input) => composeDown(actor, input, ui),
);

/** A stack from a Git repository: saves the source (token sealed) and deploys the branch's tip. */
export const saveGitSourceAction = defineAction(
  { name: "stacks.git.save", schema: gitSourceInput, permission: "container:create", resource: onEndpoint },
  (actor, input) => saveGitSource(actor, input, ui),
);

export const redeployFromGitAction = defineAction(
  { name: "stacks.git.redeploy", schema: composeProjectInput, permission: "container:create", resource: onEndpoint },
  (actor, input) => redeployFromGit(actor, input, ui),
);
