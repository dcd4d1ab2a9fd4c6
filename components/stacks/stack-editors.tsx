"use client";

import { CodeEditor } from "./CodeEditor";
import { completeCompose, lintCompose, lintEnv } from "./compose-lint";

// The stack's two editors with their checks, in one module that StackEditor loads after the page is up: CodeMirror
// and the deploy's own parser (zod schemas, YAML) are most of the page's JavaScript, and nothing needs them before
// the user can type.

export function ComposeFileEditor(props: { value: string; onChange: (text: string) => void; envText: string }) {
  return (
    <CodeEditor
      label="Compose file"
      value={props.value}
      onChange={props.onChange}
      lint={(t) => lintCompose(t, props.envText)}
      complete={completeCompose}
    />
  );
}

export function EnvFileEditor(props: { value: string; onChange: (text: string) => void }) {
  return (
    <CodeEditor
      label=".env file"
      value={props.value}
      onChange={props.onChange}
      lint={lintEnv}
      language="plain"
      minHeight="5rem"
    />
  );
}
