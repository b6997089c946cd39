/**
 * The open playground: a CodeMirror 6 editor with TypeScript highlighting, type errors from the
 * TypeScript worker, Run (button, Shift+Enter or Ctrl+Enter) graded in a worker with a time limit,
 * Reset (confirmed), the solution (confirmed when it would replace edits), edits kept per exercise
 * (saved code it cannot read is kept aside and offered for download), and the optional WebContainer switch.
 * Imported only when the reader presses "Open the playground".
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { fetchRecordedTrace, runExerciseInBrowser } from '../../exercise-grader/browser-runner.ts';
import runtimeUrl from '../../exercise-grader/run.worker.ts?worker&url';
import type { CheckResult, RunOutcome } from '../../exercise-grader/protocol.ts';
import { formatMessage, pageLang } from '../../site/message.ts';
import { keptNotice, type StorageStrings } from '../../storage/notice.ts';
import { confirmInline } from '../confirm.ts';
import { clearEdit, loadEdit, saveEdit } from './storage.ts';

type Strings = Record<string, string>;

export interface PlaygroundConfig {
  exercise: string;
  base: string;
  lang: 'en' | 'zh-CN';
  starter: string;
  solution: string;
  traces: string[];
  timeLimitMs: number;
  strings: Strings;
  storageStrings: StorageStrings;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const fill = (template: string, values: Record<string, string | number>) => formatMessage(template, values, pageLang());

export function mountPlayground(root: HTMLElement, config: PlaygroundConfig) {
  const s = config.strings;
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const app = q<HTMLElement>('.pg-app');
  const host = q<HTMLElement>('.pg-editor');
  const status = q<HTMLElement>('.pg-status');
  const results = q<HTMLElement>('.pg-results');
  const output = q<HTMLPreElement>('.pg-output');
  const runButton = q<HTMLButtonElement>('[data-action="run"]');
  const resetButton = q<HTMLButtonElement>('[data-action="reset"]');
  const confirmBox = q<HTMLElement>('.pg-confirm');
  const solutionButton = q<HTMLButtonElement>('[data-action="solution"]');
  const solutionBox = q<HTMLElement>('.pg-solution');
  const typesStatus = q<HTMLElement>('.pg-types');

  const setStatus = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };

  let typeTimer: ReturnType<typeof setTimeout> | undefined;
  const saved = loadEdit(config.exercise);
  // While unreadable saved code still sits under the key (no room to copy it aside), edits are not saved.
  let writable = saved.writable;
  const notice = keptNotice(saved.kept, s.what, config.storageStrings, () => (writable = true));
  if (notice) app.prepend(notice);
  const saveSoon = debounce(() => {
    if (writable) saveEdit(config.exercise, view.state.doc.toString());
  }, 300);
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: saved.source ?? config.starter,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        javascript({ typescript: true }),
        lintGutter(),
        linter(typeLint, { delay: 600 }),
        Prec.highest(
          keymap.of([
            { key: 'Shift-Enter', run: () => (void run(), true) },
            { key: 'Mod-Enter', run: () => (void run(), true) },
          ]),
        ),
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's tab-focus escape hatch).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) saveSoon();
        }),
        EditorView.contentAttributes.of({ 'aria-label': s.editorLabel }),
      ],
    }),
  });

  async function typeLint(v: EditorView): Promise<Diagnostic[]> {
    clearTimeout(typeTimer);
    typesStatus.textContent = s.typesChecking;
    const { typeCheck } = await import('./type-check.ts');
    const found = await typeCheck(v.state.doc.toString());
    if (found === null) {
      typesStatus.textContent = s.typesUnavailable;
      return [];
    }
    const len = v.state.doc.length;
    typesStatus.textContent = found.length === 0 ? s.typesNone : fill(s.typesSome, { n: found.length });
    return found.map((d) => ({
      from: Math.min(d.from, len),
      to: Math.min(Math.max(d.to, d.from), len),
      severity: d.severity,
      message: d.message,
      source: 'TypeScript',
    }));
  }

  let controller: AbortController | null = null;
  async function run() {
    if (controller) return;
    controller = new AbortController();
    runButton.disabled = true;
    setStatus('loading', s.loadingTraces);
    output.hidden = true;
    output.textContent = '';
    try {
      const traces: Record<string, Uint8Array> = {};
      for (const name of config.traces) traces[name] = await fetchRecordedTrace(config.base, name);
      setStatus('running', s.running);
      const outcome = await runExerciseInBrowser({
        exercise: config.exercise,
        source: view.state.doc.toString(),
        traces,
        timeLimitMs: config.timeLimitMs,
        signal: controller.signal,
      });
      show(outcome);
    } catch (error) {
      setStatus('failed', fill(s.failed, { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      runButton.disabled = false;
      controller = null;
    }
  }

  function show(outcome: RunOutcome) {
    results.replaceChildren();
    if ('logs' in outcome && outcome.logs.length > 0) {
      output.textContent = outcome.logs.join('\n');
      output.hidden = false;
    }
    switch (outcome.kind) {
      case 'syntax': {
        const where = outcome.line ? fill(s.at, { line: outcome.line, column: outcome.column ?? 1 }) : '';
        setStatus('failed', `${s.syntaxError}${where}: ${outcome.message}`);
        if (outcome.line) {
          const line = view.state.doc.line(Math.min(outcome.line, view.state.doc.lines));
          const from = Math.min(line.from + (outcome.column ?? 1) - 1, line.to);
          view.dispatch(setDiagnostics(view.state, [{ from, to: Math.min(from + 1, line.to), severity: 'error', message: outcome.message, source: 'syntax' }]));
        }
        return;
      }
      case 'timeout':
        setStatus('failed', fill(s.timeout, { seconds: (outcome.ms / 1000).toFixed(outcome.ms % 1000 ? 1 : 0) }));
        return;
      case 'crash':
        setStatus('failed', fill(s.failed, { message: outcome.message }));
        return;
    }
    const { report } = outcome;
    const list = el('ul', undefined, 'pg-checks');
    for (const r of report.results) list.append(checkItem(r));
    if (report.loadError) results.append(el('p', fill(s.loadError, { message: report.loadError }), 'pg-error'));
    else if (report.missing.length) results.append(el('p', fill(s.missing, { names: report.missing.join(', ') }), 'pg-error'));
    results.append(list);
    const all = report.passed === report.total;
    setStatus(all ? 'passed' : 'failed', all ? fill(s.allPass, { n: report.total }) : fill(s.somePass, { passed: report.passed, total: report.total }));
  }

  function checkItem(r: CheckResult): HTMLLIElement {
    const li = el('li', undefined, r.pass ? 'pg-pass' : 'pg-fail');
    li.dataset.check = r.id;
    li.dataset.pass = String(r.pass);
    const head = el('span', `${r.pass ? '✓' : '✗'} `, 'pg-mark');
    head.setAttribute('aria-hidden', 'true');
    li.append(head, el('span', `${r.pass ? s.pass : s.fail}: `, 'sr-only'), el('strong', r.label[config.lang] ?? r.label.en));
    if (r.trace) li.append(' ', el('code', r.trace, 'pg-trace-name'));
    if (!r.pass) {
      const detail = el('div', undefined, 'pg-detail');
      if (r.error) detail.append(el('span', fill(s.threw, { message: r.error })));
      else {
        if (r.expected !== undefined) detail.append(el('span', s.expected + ' '), el('code', r.expected), el('br'));
        if (r.actual !== undefined) detail.append(el('span', s.actual + ' '), el('code', r.actual));
        if (r.note) detail.append(el('p', r.note[config.lang] ?? r.note.en));
      }
      li.append(detail);
    }
    return li;
  }

  function replaceDoc(text: string) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }

  resetButton.addEventListener('click', () => {
    confirmBox.hidden = false;
    confirmBox.querySelector<HTMLButtonElement>('[data-action="reset-confirm"]')!.focus();
  });
  confirmBox.querySelector('[data-action="reset-confirm"]')!.addEventListener('click', () => {
    replaceDoc(config.starter);
    clearEdit(config.exercise);
    confirmBox.hidden = true;
    results.replaceChildren();
    setStatus('idle', s.resetDone);
    view.focus();
  });
  confirmBox.querySelector('[data-action="reset-cancel"]')!.addEventListener('click', () => {
    confirmBox.hidden = true;
    resetButton.focus();
  });
  solutionButton.addEventListener('click', () => {
    const open = solutionBox.hidden;
    solutionBox.hidden = !open;
    solutionButton.setAttribute('aria-expanded', String(open));
    solutionButton.textContent = open ? s.hideSolution : s.showSolution;
  });
  const useSolution = solutionBox.querySelector<HTMLButtonElement>('[data-action="use-solution"]');
  useSolution?.addEventListener('click', async () => {
    const code = view.state.doc.toString();
    // Edits of the reader's own would be lost: ask first (the starter or the solution itself are not).
    const edited = code !== config.starter && code !== config.solution;
    if (edited && !(await confirmInline(useSolution, { text: s.solutionConfirm, yes: s.solutionYes, no: s.solutionNo }))) return;
    replaceDoc(config.solution);
    view.focus();
  });
  runButton.addEventListener('click', () => void run());

  setupWebContainer(root, config, () => view.state.doc.toString(), setStatus);

  app.hidden = false;
  view.focus();
  return view;
}

function debounce(fn: () => void, ms: number) {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

function setupWebContainer(root: HTMLElement, config: PlaygroundConfig, source: () => string, _setStatus: (state: string, text: string) => void) {
  const s = config.strings;
  const toggle = root.querySelector<HTMLInputElement>('[data-action="webcontainer"]');
  const note = root.querySelector<HTMLElement>('.pg-wc-status');
  const terminal = root.querySelector<HTMLPreElement>('.pg-terminal');
  const runNode = root.querySelector<HTMLButtonElement>('[data-action="run-node"]');
  if (!toggle || !note || !terminal || !runNode) return;
  let container: import('./webcontainer.ts').Container | null = null;

  toggle.addEventListener('change', async () => {
    if (!toggle.checked) {
      runNode.hidden = true;
      note.textContent = '';
      return;
    }
    toggle.disabled = true;
    note.dataset.state = 'loading';
    note.textContent = s['wc.checking'];
    try {
      const { bootContainer } = await import('./webcontainer.ts');
      const result = await bootContainer();
      if ('run' in result) {
        container = result;
        note.dataset.state = 'ready';
        note.textContent = s['wc.ready'];
        runNode.hidden = false;
      } else {
        toggle.checked = false;
        note.dataset.state = 'unavailable';
        note.textContent = `${s['wc.unavailable']} ${s[`wc.reason.${result.reason}`] ?? ''}${result.detail ? ` (${result.detail})` : ''}`;
      }
    } catch (error) {
      toggle.checked = false;
      note.dataset.state = 'unavailable';
      note.textContent = `${s['wc.unavailable']} ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      toggle.disabled = false;
    }
  });

  runNode.addEventListener('click', async () => {
    if (!container) return;
    runNode.disabled = true;
    terminal.hidden = false;
    terminal.textContent = '$ npm test\n';
    try {
      const [{ transpile }, { projectFiles }] = await Promise.all([import('../../exercise-grader/transpile.ts'), import('./webcontainer.ts')]);
      const t = transpile(source());
      if (!t.ok) {
        terminal.textContent += `${s.syntaxError}: ${t.message}\n`;
        return;
      }
      const runtimeJs = await (await fetch(runtimeUrl)).text();
      const traces: Record<string, Uint8Array> = {};
      for (const name of config.traces) traces[name] = await fetchRecordedTrace(config.base, name);
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 60_000);
      const code = await container.run(projectFiles({ exercise: config.exercise, exerciseJs: t.code, runtimeJs, traces }), (text) => {
        terminal.textContent += text;
      }, abort.signal);
      clearTimeout(timer);
      terminal.textContent += `\n[exit ${code}]\n`;
    } catch (error) {
      terminal.textContent += `\n${error instanceof Error ? error.message : String(error)}\n`;
    } finally {
      runNode.disabled = false;
    }
  });
}
