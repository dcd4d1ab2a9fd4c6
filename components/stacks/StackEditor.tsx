"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inputClass, UiButton } from "@/components/ui/button";
import type { DiffLine } from "@/lib/compose/text-diff";
import { deployComposeAction, diffComposeAction } from "@/server/actions/stacks/stack-actions";
import { runStackAction } from "./run-stack-action";
import { stackHref } from "./StacksList";

/** Where an editor will be while its code loads: same place and height, and said to be loading. */
function EditorLoading(props: { label: string; minHeight: string }) {
  return (
    <div
      role="status"
      style={{ minHeight: props.minHeight }}
      className="rounded border border-slate-300 p-2 text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300"
    >
      Loading the {props.label} editor…
    </div>
  );
}

// CodeMirror and the compose checks load after the page (they were 250 kB of its first-load JavaScript).
const ComposeFileEditor = dynamic(() => import("./stack-editors").then((m) => m.ComposeFileEditor), {
  ssr: false,
  loading: () => <EditorLoading label="compose file" minHeight="16rem" />,
});
const EnvFileEditor = dynamic(() => import("./stack-editors").then((m) => m.EnvFileEditor), {
  ssr: false,
  loading: () => <EditorLoading label=".env file" minHeight="5rem" />,
});

interface Change {
  service: string;
  container: string;
  change: string;
  reason?: string;
}

/**
 * The compose file and .env of a stack, checked as typed by the deploy's own parser (inline errors with their line),
 * with "Preview changes" (what a deploy would create, recreate or remove, and the file's diff against the current
 * version) and "Deploy". A new stack also names itself; adopting names the folder the project's labels give.
 */
export function StackEditor(props: {
  endpointId: string;
  project?: string;
  compose: string;
  /** null: the viewer may not read the .env (it is kept as stored on deploy only by those who may). */
  envText: string | null;
  workingDir?: string;
  adopt?: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState(props.project ?? "");
  const [compose, setCompose] = useState(props.compose);
  const [envText, setEnvText] = useState(props.envText ?? "");
  const [pull, setPull] = useState<"missing" | "always">("missing");
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ changes: Change[]; file: DiffLine[]; warnings: string[] } | null>(null);
  const input = () => ({
    endpointId: props.endpointId,
    stack: name,
    compose,
    envText,
    workingDir: props.workingDir,
    pullPolicy: pull,
    adopt: !!props.adopt,
  });
  const onPreview = async () => {
    setBusy(true);
    setPreview(
      await runStackAction(
        "Preview changes",
        () => diffComposeAction(input()),
        () => "Changes computed",
      ),
    );
    setBusy(false);
  };
  const onDeploy = async () => {
    setBusy(true);
    const r = await runStackAction(
      "Deploy",
      () => deployComposeAction(input()),
      (d) => `Deploying ${name} version ${d.version}`,
    );
    setBusy(false);
    if (r && !props.project) router.push(stackHref({ endpointId: props.endpointId, project: name }));
    else if (r) router.refresh();
  };
  return (
    <section aria-label="Stack editor" className="space-y-3">
      {!props.project && (
        <label className="block text-sm">
          Stack name
          <input
            className={`${inputClass} ml-2`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            pattern="[a-z0-9][a-z0-9_-]*"
            required
          />
        </label>
      )}
      <div>
        <h3 className="mb-1 text-sm font-semibold">docker-compose.yml</h3>
        <ComposeFileEditor value={compose} onChange={setCompose} envText={envText} />
      </div>
      {props.envText !== null && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">.env</h3>
          <EnvFileEditor value={envText} onChange={setEnvText} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <label className="text-sm">
          <input
            type="checkbox"
            checked={pull === "always"}
            onChange={(e) => setPull(e.target.checked ? "always" : "missing")}
          />{" "}
          Pull images first
        </label>
        <UiButton variant="outline" onClick={() => void onPreview()} disabled={busy || !name}>
          Preview changes
        </UiButton>
        <UiButton onClick={() => void onDeploy()} disabled={busy || !name}>
          {props.adopt ? "Adopt and deploy" : "Deploy"}
        </UiButton>
      </div>
      {preview && (
        <section aria-label="Preview" className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
          <ul>
            {preview.changes.map((c) => (
              <li key={c.container}>
                <strong>{c.change}</strong> {c.container}
                {c.reason ? ` (${c.reason})` : ""}
              </li>
            ))}
          </ul>
          {preview.file.some((l) => l.op !== " ") && (
            <pre className="mt-2 max-h-64 overflow-auto text-xs">
              {preview.file
                .filter((l) => l.op !== " ")
                .map((l) => `${l.op} ${l.text}`)
                .join("\n")}
            </pre>
          )}
        </section>
      )}
    </section>
  );
}
