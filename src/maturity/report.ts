/**
 * What leaves the page: the exported JSON (one member's answers, which the team view reads back) and
 * the Markdown report. Importers never trust the stored result: they keep only answers that fit the
 * model and score them again.
 */
import type { PageModel } from './model.ts';
import { cleanAnswers, type Answers, type Recommendation, type Result, type ScoringModel } from './scoring.ts';

export const EXPORT_KIND = 'go-trace-field-guide/maturity';
export const EXPORT_FORMAT = 1;

export interface ExportFile {
  kind: typeof EXPORT_KIND;
  format: typeof EXPORT_FORMAT;
  /** The model version the answers were given against. */
  model: number;
  lang: string;
  /** Who answered (optional, free text). */
  name: string;
  /** ISO 8601 time of the export. */
  date: string;
  answers: Answers;
  /** For people reading the file; importers recompute it. */
  result: { overall: number | null; stage: number; dimensions: Record<string, { score: number | null; stage: number }> };
}

export function toExport(model: PageModel, answers: Answers, result: Result, name: string, date: Date): ExportFile {
  return {
    kind: EXPORT_KIND,
    format: EXPORT_FORMAT,
    model: model.version,
    lang: model.lang,
    name: name.trim().slice(0, 100),
    date: date.toISOString(),
    answers: { ...answers },
    result: {
      overall: result.overall,
      stage: result.stage,
      dimensions: Object.fromEntries(result.dimensions.map((d) => [d.id, { score: d.score, stage: d.stage }])),
    },
  };
}

export type ImportError = 'json' | 'kind' | 'format';

export type Imported =
  | { ok: true; name: string; date: string; answers: Answers; ignored: number; otherVersion: boolean }
  | { ok: false; error: ImportError };

/** Reads one exported file. Unknown questions or options are dropped and counted in `ignored`. */
export function parseExport(model: ScoringModel & { version: number }, text: string): Imported {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'json' };
  }
  if (!data || typeof data !== 'object' || (data as { kind?: unknown }).kind !== EXPORT_KIND) return { ok: false, error: 'kind' };
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT || !d.answers || typeof d.answers !== 'object' || Array.isArray(d.answers)) {
    return { ok: false, error: 'format' };
  }
  const { answers, ignored } = cleanAnswers(model, d.answers);
  return {
    ok: true,
    name: typeof d.name === 'string' ? d.name.slice(0, 100) : '',
    date: typeof d.date === 'string' && !Number.isNaN(Date.parse(d.date)) ? d.date : '',
    answers,
    ignored,
    otherVersion: d.model !== model.version,
  };
}

export interface ReportLabels {
  title: string;
  date: string;
  overall: string;
  stage: string;
  dimension: string;
  score: string;
  dontKnow: string;
  notScored: string;
  recommendations: string;
  none: string;
  blocks: string;
  unknown: string;
  read: string;
  answers: string;
  question: string;
  answer: string;
  unanswered: string;
  answered: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown report. `lessonUrl` turns a lesson ref into an absolute URL (or its label if unpublished). */
export function toMarkdown(
  model: PageModel,
  answers: Answers,
  result: Result,
  recs: Recommendation[],
  labels: ReportLabels,
  date: Date,
  lessonText: (q: PageModel['questions'][number]) => string,
): string {
  const fmt = (n: number | null) => (n === null ? labels.notScored : n.toFixed(1));
  const lines = [
    `# ${labels.title}`,
    '',
    `${labels.date}: ${date.toISOString().slice(0, 10)}`,
    '',
    `- **${labels.overall}:** ${fmt(result.overall)} / 10`,
    `- **${labels.stage}:** ${result.stage} · ${model.stages[result.stage].name}`,
    `- ${labels.answered}: ${result.answered} / ${result.total - result.notApplicable}` +
      (result.dontKnow ? ` · ${labels.dontKnow}: ${result.dontKnow}` : ''),
    '',
    `| ${labels.dimension} | ${labels.score} | ${labels.stage} | ${labels.dontKnow} |`,
    '|---|---:|---|---:|',
    ...result.dimensions.map((d, i) => `| ${cell(model.dimensions[i].name)} | ${fmt(d.score)} | ${d.stage} · ${cell(model.stages[d.stage].name)} | ${d.dontKnow} |`),
    '',
    `## ${labels.recommendations}`,
    '',
  ];
  if (recs.length === 0) lines.push(labels.none, '');
  recs.forEach((r, i) => {
    const q = model.questions.find((x) => x.id === r.id)!;
    const tags = [r.blocksNextStage ? labels.blocks : '', r.state === 'dont-know' ? labels.unknown : ''].filter(Boolean).join(' · ');
    lines.push(`${i + 1}. **${q.text}**${tags ? ` _(${tags})_` : ''}`, `   ${q.recommendation}`, `   ${labels.read}: ${lessonText(q)}`, '');
  });
  lines.push(`## ${labels.answers}`, '', `| ${labels.question} | ${labels.answer} |`, '|---|---|');
  for (const q of model.questions) {
    const a = answers[q.id];
    const label = a === 'dont-know' ? model.dontKnow : a === 'not-applicable' ? model.notApplicable : (q.options.find((o) => o.id === a)?.label ?? labels.unanswered);
    lines.push(`| ${cell(q.text)} | ${cell(label)} |`);
  }
  return lines.join('\n') + '\n';
}
