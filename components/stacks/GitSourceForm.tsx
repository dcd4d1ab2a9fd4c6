"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { inputClass, UiButton } from "@/components/ui/button";
import { redeployFromGitAction, saveGitSourceAction } from "@/server/actions/stacks/stack-actions";
import { runStackAction } from "./run-stack-action";
import { stackHref } from "./StacksList";

export interface GitSourceFields {
  hookId: string;
  repoUrl: string;
  branch: string;
  composePath: string;
  pollSeconds: number;
  lastCommit: string | null;
  hasToken: boolean;
}

/**
 * A stack's compose file from Git: repository (HTTPS), token (write-only: "stored" once saved), branch, path, polling.
 * Saving reads the file and deploys it. The webhook's URL is shown always, its secret only right after creation.
 */
export function GitSourceForm(props: { endpointId: string; project?: string; source: GitSourceFields | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const s = props.source;
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const stack = props.project ?? String(f.get("stack") ?? "");
    setBusy(true);
    const r = await runStackAction(
      "Deploy from Git",
      () =>
        saveGitSourceAction({
          endpointId: props.endpointId,
          stack,
          repoUrl: String(f.get("repoUrl") ?? ""),
          token: String(f.get("token") ?? ""),
          branch: String(f.get("branch") ?? "") || "main",
          composePath: String(f.get("composePath") ?? "") || "docker-compose.yml",
          pollSeconds: Number(f.get("pollSeconds") ?? 0) || 0,
        }),
      (d) => `Deploying ${stack} from commit ${d.commit.slice(0, 12)}`,
    );
    setBusy(false);
    if (!r) return;
    // The secret is shown once: a new stack stays here until it has been copied, with a link to the stack.
    if (r.secret) {
      setSecret(r.secret);
      setCreated(stack);
    } else if (!props.project) router.push(stackHref({ endpointId: props.endpointId, project: stack }));
    if (props.project) router.refresh();
  };
  // The page's own origin, known in the browser only (set after hydration so server and client render alike).
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const hookUrl = s ? `${origin}/api/v1/stacks/webhooks/${s.hookId}` : null;
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Git source" className="grid max-w-2xl gap-2 text-sm">
      {!props.project && (
        <label>
          Stack name <input name="stack" required pattern="[a-z0-9][a-z0-9_-]*" className={`${inputClass} ml-2`} />
        </label>
      )}
      <label>
        Repository URL{" "}
        <input
          name="repoUrl"
          required
          defaultValue={s?.repoUrl}
          placeholder="https://git.example.com/team/app.git"
          className={`${inputClass} w-full`}
        />
      </label>
      <label>
        Access token{" "}
        <input
          name="token"
          type="password"
          autoComplete="off"
          placeholder={s?.hasToken ? "stored (leave empty to keep)" : "optional"}
          className={`${inputClass} w-full`}
        />
      </label>
      <div className="flex flex-wrap gap-3">
        <label>
          Branch <input name="branch" defaultValue={s?.branch ?? "main"} className={inputClass} />
        </label>
        <label>
          Compose file path{" "}
          <input name="composePath" defaultValue={s?.composePath ?? "docker-compose.yml"} className={inputClass} />
        </label>
        <label>
          Poll every (seconds, 0 = off){" "}
          <input
            name="pollSeconds"
            type="number"
            min={0}
            max={86400}
            defaultValue={s?.pollSeconds ?? 0}
            className={`${inputClass} w-24`}
          />
        </label>
      </div>
      <div className="flex gap-2">
        <UiButton type="submit" disabled={busy}>
          {s ? "Save and deploy from Git" : "Deploy from Git"}
        </UiButton>
        {s && props.project && (
          <UiButton
            variant="outline"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await runStackAction(
                "Redeploy from Git",
                () => redeployFromGitAction({ endpointId: props.endpointId, stack: props.project! }),
                (d) => `Deploying commit ${d.commit.slice(0, 12)}`,
              );
              setBusy(false);
              router.refresh();
            }}
          >
            Redeploy from Git
          </UiButton>
        )}
      </div>
      {s && (
        <p>
          Deployed commit <span className="font-mono">{s.lastCommit?.slice(0, 12) ?? "none yet"}</span>. Redeploy
          webhook: <span className="font-mono break-all">{hookUrl}</span> (POST, with the secret in the{" "}
          <code>X-Berth-Webhook-Secret</code> header or as an <code>X-Hub-Signature-256</code> HMAC of the body).
        </p>
      )}
      {secret && (
        <p role="alert" className="rounded border border-amber-400 p-2">
          Webhook secret (shown once, copy it now): <span className="font-mono break-all">{secret}</span>
          {created && !props.project && (
            <>
              {" "}
              <a
                className="text-blue-700 underline dark:text-blue-300"
                href={stackHref({ endpointId: props.endpointId, project: created })}
              >
                Open stack {created}
              </a>
            </>
          )}
        </p>
      )}
    </form>
  );
}
