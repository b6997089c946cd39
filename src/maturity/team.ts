/**
 * The team view: several members' answers side by side, computed in the browser from their exported
 * files (no server). Per dimension: each member's score, min/median/max and the spread (max − min);
 * a dimension where the spread reaches DISAGREE_AT points is one the team sees differently. Per
 * question: how many gave each answer, and the spread of their answer values, so the questions that
 * split the team come first.
 */
import { DONT_KNOW, NOT_APPLICABLE, answerValue, score, type Answers, type Result, type ScoringModel } from './scoring.ts';

/** Spread (in points of 10) from which a dimension counts as a disagreement. */
export const DISAGREE_AT = 3;

export interface Member {
  name: string;
  answers: Answers;
}

export interface TeamDimension {
  id: string;
  /** Each member's score, in member order (null when the member scored nothing there). */
  scores: (number | null)[];
  min: number | null;
  median: number | null;
  max: number | null;
  spread: number | null;
  agree: boolean | null;
}

export interface TeamQuestion {
  id: string;
  /** Members per answer (option id, DONT_KNOW, NOT_APPLICABLE or 'unanswered'). */
  counts: Record<string, number>;
  /** Max − min of the option values given (0–1), or 0 with fewer than two option answers. */
  spread: number;
  /** Members who answered "don't know" while others answered. */
  dontKnow: number;
  disagree: boolean;
}

export interface Team {
  members: number;
  results: Result[];
  /** Members per overall stage. */
  stages: number[];
  overall: { min: number | null; median: number | null; max: number | null };
  dimensions: TeamDimension[];
  /** Questions the team answered differently, most divided first. */
  disagreements: TeamQuestion[];
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round(((s[m - 1] + s[m]) / 2) * 10) / 10;
}

function summary(values: (number | null)[]) {
  const xs = values.filter((x): x is number => x !== null);
  if (xs.length === 0) return { min: null, median: null, max: null, spread: null };
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return { min, median: median(xs), max, spread: Math.round((max - min) * 10) / 10 };
}

export function aggregateTeam(model: ScoringModel, members: Member[]): Team {
  const results = members.map((m) => score(model, m.answers));
  const stages = model.stages.map((_, k) => results.filter((r) => r.stage === k).length);
  const o = summary(results.map((r) => r.overall));
  const dimensions = model.dimensions.map((d, i) => {
    const scores = results.map((r) => r.dimensions[i].score);
    const s = summary(scores);
    return { id: d.id, scores, ...s, agree: s.spread === null ? null : s.spread < DISAGREE_AT };
  });
  const questions: TeamQuestion[] = model.questions.map((q) => {
    const counts: Record<string, number> = {};
    const values: number[] = [];
    for (const m of members) {
      const a = m.answers[q.id] ?? 'unanswered';
      counts[a] = (counts[a] ?? 0) + 1;
      const v = answerValue(q, m.answers[q.id]);
      if (v !== null) values.push(v);
    }
    const spread = values.length > 1 ? Math.max(...values) - Math.min(...values) : 0;
    const dontKnow = counts[DONT_KNOW] ?? 0;
    const others = members.length - dontKnow - (counts[NOT_APPLICABLE] ?? 0) - (counts.unanswered ?? 0);
    return { id: q.id, counts, spread, dontKnow, disagree: spread >= 0.5 || (dontKnow > 0 && others > 0) };
  });
  const order = new Map(model.questions.map((q, i) => [q.id, i]));
  return {
    members: members.length,
    results,
    stages,
    overall: { min: o.min, median: o.median, max: o.max },
    dimensions,
    disagreements: questions
      .filter((q) => q.disagree)
      .sort((a, b) => b.spread - a.spread || b.dontKnow - a.dontKnow || order.get(a.id)! - order.get(b.id)!),
  };
}
