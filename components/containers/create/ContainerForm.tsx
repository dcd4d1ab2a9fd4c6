"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { toast } from "@/components/ui/toast";
import type { ContainerSpecInput } from "@/lib/container-spec";
import { RESTART_POLICIES } from "@/lib/restart-policies";
import { createContainerAction } from "@/server/actions/containers/create-container-actions";
import { editContainerAction } from "@/server/actions/containers/edit-container-actions";
import { ContainerFormRows } from "./ContainerFormRows";
import { CheckboxInput, SelectInput, TextAreaInput, TextInput } from "./fields";
import { type FormState, toFormState } from "./form-state";

/**
 * The create form: every setting of the spec, with the server's field-level messages shown beside each field. With
 * `edit`, the same form edits that container: the name is fixed and saving replaces the container.
 */
export function ContainerForm(props: {
  endpointId: string;
  initial?: ContainerSpecInput;
  edit?: { containerId: string; name: string };
  /** What exists on the endpoint, offered while typing the image and the network. */
  images?: readonly string[];
  networks?: readonly string[];
}) {
  const { edit } = props;
  const router = useRouter();
  const [f, setF] = useState<FormState>(() => toFormState(props.initial));
  const [start, setStart] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof FormState>(k: K) =>
    (v: FormState[K]) =>
      setF((prev) => ({ ...prev, [k]: v }));
  const err = (path: string) => errors[path];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = edit
        ? await editContainerAction({ endpointId: props.endpointId, containerId: edit.containerId, spec: f })
        : await createContainerAction({ endpointId: props.endpointId, spec: f, start });
      if (result.ok) {
        // Show the result: the new container's own page (Edit replaces the container, so it has a new id too).
        const made = result.data as { id: string; name?: string };
        toast.success(`${edit ? "Saved" : "Created"} ${made.name ?? edit?.name ?? f.name}`);
        router.push(`/endpoints/${encodeURIComponent(props.endpointId)}/containers/${encodeURIComponent(made.id)}`);
        return;
      }
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.fieldErrors ?? {})) fields[k.replace(/^spec\./, "")] = v;
      setErrors(fields);
      setMessage(
        Object.keys(fields).length
          ? `The container was not ${edit ? "changed" : "created"}: fix the ${Object.keys(fields).length === 1 ? "field" : "fields"} marked below.`
          : result.error,
      );
    } catch {
      setMessage("Berth could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-label={edit ? `Edit container ${edit.name}` : "Create container"}
      className="max-w-4xl space-y-4"
      noValidate
    >
      {message && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextInput
          path="image"
          label="Image"
          value={f.image}
          onChange={set("image")}
          error={err("image")}
          placeholder="nginx:1.27"
          suggestions={props.images}
          hint={props.images?.length ? "Pick one on this endpoint or type any image to pull" : undefined}
        />
        <TextInput
          path="name"
          label="Name"
          value={f.name}
          onChange={set("name")}
          error={err("name")}
          readOnly={!!edit}
          hint={edit ? "Edit keeps the name; Rename changes it" : "Empty: the engine picks one"}
        />
        <TextAreaInput
          path="command"
          label="Command"
          value={f.command}
          onChange={set("command")}
          error={err("command")}
          hint="Empty: the image's default; quotes group words; new lines are spaces"
        />
        <TextInput
          path="entrypoint"
          label="Entrypoint"
          value={f.entrypoint}
          onChange={set("entrypoint")}
          error={err("entrypoint")}
        />
        <TextInput
          path="workingDir"
          label="Working directory"
          value={f.workingDir}
          onChange={set("workingDir")}
          error={err("workingDir")}
        />
        <TextInput
          path="user"
          label="User"
          value={f.user}
          onChange={set("user")}
          error={err("user")}
          placeholder="1000:1000"
        />
      </div>

      <ContainerFormRows f={f} setF={setF} err={err} />

      <div className="grid gap-3 sm:grid-cols-3">
        <TextInput
          path="network"
          label="Network"
          value={f.network}
          onChange={set("network")}
          error={err("network")}
          placeholder="bridge"
          suggestions={props.networks}
        />
        <SelectInput
          path="restartPolicy"
          label="Restart policy"
          value={f.restartPolicy}
          options={RESTART_POLICIES}
          onChange={set("restartPolicy")}
          error={err("restartPolicy")}
        />
        <TextInput
          path="maxRetries"
          label="Maximum retries"
          inputMode="numeric"
          value={f.maxRetries}
          onChange={set("maxRetries")}
          error={err("maxRetries")}
          hint="Only with on-failure"
        />
        <TextInput
          path="memoryMb"
          label="Memory limit (MB)"
          inputMode="decimal"
          value={f.memoryMb}
          onChange={set("memoryMb")}
          error={err("memoryMb")}
          placeholder="no limit"
        />
        <TextInput
          path="cpus"
          label="CPUs"
          inputMode="decimal"
          value={f.cpus}
          onChange={set("cpus")}
          error={err("cpus")}
          placeholder="no limit"
        />
      </div>
      <div className="flex flex-wrap gap-6">
        <CheckboxInput
          path="autoRemove"
          label="Auto-remove when stopped"
          checked={f.autoRemove}
          onChange={set("autoRemove")}
          error={err("autoRemove")}
        />
        <CheckboxInput path="init" label="Run an init process" checked={f.init} onChange={set("init")} />
        {!edit && <CheckboxInput path="start" label="Start after creating" checked={start} onChange={setStart} />}
      </div>
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-blue-600 px-4 py-2 font-medium text-white hover:bg-blue-700 disabled:opacity-60"
      >
        {edit ? (busy ? "Saving…" : "Save") : busy ? "Creating…" : "Create"}
      </button>
    </form>
  );
}
