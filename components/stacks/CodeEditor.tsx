"use client";

import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { yaml } from "@codemirror/lang-yaml";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef, useState } from "react";

/** One problem of the text: the line it is on (1-based, or none) and what is wrong. */
export interface LintProblem {
  line?: number;
  message: string;
}

/**
 * A CodeMirror editor for one text (the compose file, the .env). `lint` is called on every change (debounced by
 * CodeMirror) and its problems are shown inline at their line; `complete` offers words at the cursor. The editable
 * area carries `label` as its accessible name, so it is a named textbox to screen readers and tests.
 */
export function CodeEditor(props: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  lint?: (text: string) => LintProblem[];
  complete?: (lines: string[], line: number, column: number) => string[];
  language?: "yaml" | "plain";
  minHeight?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  // The same problems as text under the editor: screen readers do not announce CodeMirror's inline marks.
  const [problems, setProblems] = useState<LintProblem[]>([]);
  useEffect(() => {
    const lintSource = (v: EditorView): Diagnostic[] => {
      const problems = latest.current.lint?.(v.state.doc.toString()) ?? [];
      setProblems(problems);
      return problems.map((p) => {
        const line = v.state.doc.line(Math.min(Math.max(p.line ?? 1, 1), v.state.doc.lines));
        return { from: line.from, to: line.to, severity: "error" as const, message: p.message };
      });
    };
    const completionSource = (ctx: CompletionContext): CompletionResult | null => {
      const word = ctx.matchBefore(/[\w.-]*/);
      if (!word || (word.from === word.to && !ctx.explicit)) return null;
      const line = ctx.state.doc.lineAt(ctx.pos);
      const lines = ctx.state.doc.toString().split("\n");
      const options = latest.current.complete?.(lines, line.number - 1, word.from - line.from) ?? [];
      return options.length
        ? { from: word.from, options: options.map((label) => ({ label, type: "property" })) }
        : null;
    };
    const extensions: Extension[] = [
      basicSetup,
      props.language === "plain" ? [] : yaml(),
      EditorView.contentAttributes.of({ "aria-label": props.label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) latest.current.onChange(u.state.doc.toString());
      }),
      EditorView.theme({
        "&": { minHeight: props.minHeight ?? "16rem", fontSize: "13px" },
        ".cm-scroller": { fontFamily: "ui-monospace, monospace" },
      }),
      linter(lintSource, { delay: 300 }),
      lintGutter(),
      autocompletion({ override: [completionSource] }),
    ];
    view.current = new EditorView({
      state: EditorState.create({ doc: props.value, extensions }),
      parent: host.current!,
    });
    return () => view.current?.destroy();
  }, []);

  // A value replaced from outside (a version loaded for rollback) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
  }, [props.value]);

  return (
    <div>
      <div
        ref={host}
        // Light in both themes: the YAML highlighting colours are picked for a light background (AA contrast).
        className="overflow-hidden rounded border border-slate-300 bg-white text-slate-900 dark:border-slate-600"
      />
      <ul
        aria-label={`Problems in ${props.label}`}
        aria-live="polite"
        className="mt-1 text-sm text-red-700 dark:text-red-300"
      >
        {problems.map((p) => (
          <li key={`${p.line}:${p.message}`}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
