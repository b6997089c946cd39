/**
 * <maturity-assessment>: the behaviour behind SelfAssessment.astro. It reads the answers from the
 * radio buttons the page already has, scores them (src/maturity/scoring.ts) on every change and shows
 * the results; keeps the answers, the name, the team view and a history of saved results in
 * localStorage; exports JSON and Markdown through Blob URLs; makes share links with the answers in the
 * URL fragment; and merges members' exports into the team view. Nothing leaves the browser, and every
 * text comes from the data attributes (the model's words and the UI strings), never from markup strings.
 *
 * The reader's answers are never lost without a word (src/storage/saved.ts): a share link opens as a
 * colleague's answers, shown beside the reader's and imported only on a confirmed request (with Undo);
 * clearing answers, the history or the team view asks first; saved text that cannot be read is kept
 * aside and offered for download.
 */
import type { LessonRef, PageModel, PageQuestion } from '../../maturity/model.ts';
import { compareAnswers } from '../../maturity/compare.ts';
import { appendHistory, type HistoryEntry } from '../../maturity/history.ts';
import { parseExport, toExport, toMarkdown, type ReportLabels } from '../../maturity/report.ts';
import { ANSWERS_KEY, HISTORY_KEY, NAME_KEY, TEAM_KEY, readAnswers, readHistory, readName, readTeam, teamText } from '../../maturity/saved.ts';
import { DONT_KNOW, NOT_APPLICABLE, recommendations, score, type Answer, type Answers, type Result } from '../../maturity/scoring.ts';
import { decodeAnswers, encodeAnswers, hasSharedAnswers } from '../../maturity/share.ts';
import { aggregateTeam, type Member } from '../../maturity/team.ts';
import { keptNotice, type StorageStrings } from '../../storage/notice.ts';
import { load, remove as removeSaved, save, type KeptCopy } from '../../storage/saved.ts';
import { confirmInline } from '../confirm.ts';
import { barChart, dotPlot, sparkline } from './charts.ts';
import { format, lessonLabel, type MaturityStrings } from './strings.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** What the page keeps, each under its own key; writable turns false while unreadable text blocks the key. */
type Kept = 'answers' | 'history' | 'team' | 'name';

const fmtScore = (n: number | null, s: MaturityStrings) => (n === null ? s.notScored : n.toFixed(1));

class MaturityAssessmentElement extends HTMLElement {
  private model!: PageModel;
  private s!: MaturityStrings;
  private storage!: StorageStrings;
  private answers: Answers = {};
  private members: Member[] = [];
  private history: HistoryEntry[] = [];
  /** A colleague's answers from a share link: shown beside the reader's, never stored unless imported. */
  private colleague: Answers | null = null;
  /** The reader's answers before an import, for Undo. */
  private beforeImport: Answers | null = null;
  private writable: Record<Kept, boolean> = { answers: true, history: true, team: true, name: true };
  private urls: string[] = [];

  connectedCallback() {
    // A share link opened in the same tab only changes the fragment: read it then too.
    window.addEventListener('hashchange', this.onHashChange);
    if (this.model) return;
    this.model = JSON.parse(this.dataset.model ?? '{}');
    this.s = JSON.parse(this.dataset.strings ?? '{}');
    this.storage = JSON.parse(this.dataset.storageStrings ?? '{}');

    this.answers = this.loadKept('answers', ANSWERS_KEY, readAnswers(this.model)) ?? {};
    this.history = this.loadKept('history', HISTORY_KEY, readHistory) ?? [];
    this.members = this.loadKept('team', TEAM_KEY, readTeam(this.model)) ?? [];
    const nameInput = this.querySelector<HTMLInputElement>('input[name="member"]')!;
    nameInput.value = this.loadKept('name', NAME_KEY, readName) ?? '';
    nameInput.addEventListener('input', () => this.store('name', NAME_KEY, JSON.stringify(nameInput.value)));
    this.readSharedLink();
    this.showAnswers();

    this.form.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.type !== 'radio' || !input.name.startsWith('q-')) return;
      this.answers[input.name.slice(2)] = input.value;
      this.saveAnswers();
      this.update();
    });
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button) this.act(button.dataset.action!, button);
    });
    this.querySelector<HTMLInputElement>('input[name="team-files"]')!.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      void this.addFiles([...(input.files ?? [])]).then(() => (input.value = ''));
    });

    this.update();
    this.renderHistory();
    this.renderTeam();
    void this.showChecklists();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHashChange);
    for (const url of this.urls) URL.revokeObjectURL(url);
  }

  private onHashChange = () => {
    if (this.readSharedLink()) this.update();
  };

  // ── Saved state (src/storage/saved.ts) ───────────────────────────────────────────────────────────

  /** Reads one saved thing; text it cannot use is kept aside and the reader is told, with a download. */
  private loadKept<T>(what: Kept, key: string, parse: Parameters<typeof load<T>>[1]): T | null {
    const loaded = load(key, parse);
    this.writable[what] = loaded.writable;
    this.showKept(what, loaded.kept);
    return loaded.value;
  }

  private showKept(what: Kept, copies: KeptCopy[]) {
    const notice = keptNotice(copies, this.s[`what.${what}`], this.storage, () => {
      // Discarding text left in place (no room to copy it) frees its key.
      this.writable[what] = true;
    });
    if (!notice) return;
    notice.dataset.kept = what;
    this.querySelector('.maturity__kept')!.append(notice);
  }

  private store(what: Kept, key: string, text: string) {
    if (this.writable[what]) save(key, text);
  }

  private saveAnswers() {
    this.store('answers', ANSWERS_KEY, JSON.stringify(this.answers));
  }

  // ── A colleague's answers, from a share link ─────────────────────────────────────────────────────

  /** Reads a share link in the URL fragment as a colleague's answers; true when the fragment had one. */
  private readSharedLink(): boolean {
    if (!hasSharedAnswers(location.hash)) return false;
    const shared = decodeAnswers(this.model, location.hash);
    if (shared) {
      this.colleague = shared;
      this.beforeImport = null;
      this.status('', '.maturity__colleague-status');
    } else {
      this.status(this.s.restoredBad);
      this.forgetFragment();
    }
    return true;
  }

  private forgetFragment() {
    if (hasSharedAnswers(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
  }

  private answerLabel(questionId: string, answer: Answer | undefined): string {
    if (answer === undefined) return this.s.unanswered;
    if (answer === DONT_KNOW) return this.model.dontKnow;
    if (answer === NOT_APPLICABLE) return this.model.notApplicable;
    return this.question(questionId).options.find((o) => o.id === answer)?.label ?? answer;
  }

  /** The colleague's panel, and beside each question what the colleague answered. */
  private renderColleague() {
    const box = this.querySelector<HTMLElement>('.maturity__colleague')!;
    for (const p of this.querySelectorAll('.maturity__theirs')) p.remove();
    if (!this.colleague) {
      box.hidden = true;
      return;
    }
    const s = this.s;
    const m = this.model;
    const theirs = score(m, this.colleague);
    const cmp = compareAnswers(m, this.answers, this.colleague);
    const out: Node[] = [
      el('p', format(s['colleague.intro'], { answered: cmp.theirs, score: fmtScore(theirs.overall, s), stage: theirs.stage, stageName: m.stages[theirs.stage].name })),
    ];
    if (cmp.differences.length === 0) out.push(el('p', s['colleague.same'], 'maturity__colleague-same'));
    else {
      out.push(el('p', format(s['colleague.differ'], { n: cmp.differences.length })));
      const ul = el('ul', undefined, 'maturity__differences');
      for (const d of cmp.differences) {
        const li = el('li');
        li.dataset.question = d.id;
        const a = el('a', this.question(d.id).text);
        a.href = `#q-${d.id}`;
        li.append(a, el('br'), `${s['colleague.you']}: ${this.answerLabel(d.id, d.mine)} · ${s['colleague.them']}: ${this.answerLabel(d.id, d.theirs)}`);
        ul.append(li);
      }
      out.push(ul);
    }
    this.querySelector('.maturity__colleague-body')!.replaceChildren(...out);
    const undo = this.querySelector<HTMLButtonElement>('[data-action="colleague-undo"]')!;
    undo.hidden = this.beforeImport === null;
    this.querySelector<HTMLButtonElement>('[data-action="colleague-import"]')!.hidden = cmp.differences.length === 0;
    box.hidden = false;

    for (const q of m.questions) {
      const mark = el('p', `${s['colleague.them']}: ${this.answerLabel(q.id, this.colleague[q.id])}`, 'maturity__theirs');
      mark.dataset.differs = String(this.answers[q.id] !== this.colleague[q.id]);
      this.querySelector(`#q-${q.id} .maturity__options`)?.after(mark);
    }
  }

  private async importColleague(button: HTMLButtonElement) {
    if (!this.colleague) return;
    const s = this.s;
    const cmp = compareAnswers(this.model, this.answers, this.colleague);
    const text = cmp.mine === 0 ? format(s['colleague.replaceNone'], { theirs: cmp.theirs }) : format(s['colleague.replace'], { mine: cmp.mine, theirs: cmp.theirs, lost: cmp.lost });
    if (!(await confirmInline(button, { text, yes: s['colleague.yes'], no: s['colleague.no'] }, button.parentElement!))) return;
    this.beforeImport = { ...this.answers };
    this.answers = { ...this.colleague };
    this.saveAnswers();
    this.showAnswers();
    this.update();
    this.status(s['colleague.imported'], '.maturity__colleague-status');
    this.querySelector<HTMLButtonElement>('[data-action="colleague-undo"]')!.focus();
  }

  private get form() {
    return this.querySelector<HTMLFormElement>('.maturity__form')!;
  }

  private status(text: string, selector = '.maturity__status') {
    const p = this.querySelector<HTMLElement>(selector);
    if (p) p.textContent = text;
  }

  private showAnswers() {
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      input.checked = this.answers[input.name.slice(2)] === input.value;
    }
  }

  private get result(): Result {
    return score(this.model, this.answers);
  }

  private question(id: string): PageQuestion {
    return this.model.questions.find((q) => q.id === id)!;
  }

  private lesson(ref: LessonRef): HTMLElement {
    if (!ref.href) return el('span', lessonLabel(ref, this.s));
    const a = el('a', ref.title);
    a.href = ref.href;
    return a;
  }

  // ── Results ──────────────────────────────────────────────────────────────────────────────────────

  private update() {
    const s = this.s;
    const m = this.model;
    const r = this.result;
    this.renderColleague();
    this.querySelector('.maturity__count')!.textContent = format(s.progress, { answered: m.questions.length - r.unanswered, total: m.questions.length });

    const body = this.querySelector<HTMLElement>('.maturity__results-body')!;
    const out: Node[] = [];
    const headline = el('p', undefined, 'maturity__headline');
    headline.append(`${s.overall}: `, el('strong', format(s.outOf10, { score: fmtScore(r.overall, s) })), ' · ', `${format(s.stageOf, { n: r.stage, max: m.stages.length - 1, name: m.stages[r.stage].name })}`);
    headline.dataset.stage = String(r.stage);
    headline.dataset.overall = r.overall === null ? '' : String(r.overall);
    out.push(headline, el('p', m.stages[r.stage].summary));
    out.push(el('p', format(s.counts, { answered: r.answered, dontKnow: r.dontKnow, notApplicable: r.notApplicable, unanswered: r.unanswered })));

    out.push(barChart(r.dimensions.map((d, i) => ({ label: m.dimensions[i].name, value: d.score })), s.chart, s.notScored));
    const table = el('table');
    const head = table.createTHead().insertRow();
    for (const [text, num] of [[s.dimension, false], [s.score, true], [s.stage, false], [s.dontKnow, true], [s.answered, true]] as const) {
      const th = el('th', text, num ? 'num' : undefined);
      th.scope = 'col';
      head.append(th);
    }
    const tbody = table.createTBody();
    r.dimensions.forEach((d, i) => {
      const row = tbody.insertRow();
      row.dataset.dimension = d.id;
      const th = el('th', m.dimensions[i].name);
      th.scope = 'row';
      row.append(
        th,
        el('td', fmtScore(d.score, s), 'num'),
        el('td', `${d.stage} · ${m.stages[d.stage].name}`),
        el('td', String(d.dontKnow), 'num'),
        el('td', `${d.answered} / ${d.total - d.notApplicable}`, 'num'),
      );
    });
    out.push(table);

    if (r.stage < m.stages.length - 1) {
      const next = r.stage + 1;
      out.push(el('h3', format(s.blockers, { n: next, name: m.stages[next].name })));
      const ul = el('ul', undefined, 'maturity__blockers');
      for (const b of r.blockers) {
        const li = el('li');
        const a = el('a', this.question(b.id).text);
        a.href = `#q-${b.id}`;
        li.append(a, el('span', s[`state.${b.state}` as 'state.weak'] ?? '', 'maturity__badge'));
        ul.append(li);
      }
      out.push(ul);
    } else {
      out.push(el('p', s.top));
    }

    out.push(el('h3', s.recommendations));
    const recs = recommendations(m, r);
    if (recs.length === 0) out.push(el('p', s.recommendationsNone));
    const ol = el('ol', undefined, 'maturity__recs');
    for (const rec of recs) {
      const q = this.question(rec.id);
      const li = el('li', undefined, 'maturity__rec');
      li.dataset.question = q.id;
      const title = el('p');
      title.append(el('strong', q.text));
      if (rec.blocksNextStage) title.append(el('span', s.blocks, 'maturity__badge'));
      if (rec.state === 'dont-know') title.append(el('span', s.unknown, 'maturity__badge'));
      const read = el('p');
      read.append(`${s.read}: `, this.lesson(q.lesson));
      li.append(title, el('p', q.recommendation), read);
      ol.append(li);
    }
    if (recs.length) out.push(ol);
    body.replaceChildren(...out);
  }

  // ── Actions ──────────────────────────────────────────────────────────────────────────────────────

  private act(action: string, button: HTMLButtonElement) {
    switch (action) {
      case 'save':
        return this.save();
      case 'json':
        return this.exportJson();
      case 'markdown':
        return this.exportMarkdown();
      case 'share':
        return this.share();
      case 'copy':
        return void this.copy();
      case 'print':
        return window.print();
      case 'clear':
        return void this.clearAnswers(button);
      case 'clear-history':
        return void this.clearHistory(button);
      case 'team-add':
        return this.addPasted();
      case 'team-self':
        return this.addMember(this.memberName || this.s.teamMe, { ...this.answers });
      case 'team-clear':
        return void this.clearTeam(button);
      case 'colleague-import':
        return void this.importColleague(button);
      case 'colleague-undo':
        if (this.beforeImport) {
          this.answers = this.beforeImport;
          this.beforeImport = null;
          this.saveAnswers();
          this.showAnswers();
          this.update();
          this.status(this.s['colleague.undone'], '.maturity__colleague-status');
        }
        return;
      case 'colleague-team':
        if (this.colleague) this.addMember(this.s['colleague.member'], { ...this.colleague });
        return;
      case 'colleague-close':
        this.colleague = null;
        this.beforeImport = null;
        this.forgetFragment();
        return this.renderColleague();
    }
  }

  /** Asks before anything is erased, saying how much. */
  private ask(button: HTMLButtonElement, text: string, yes: string) {
    return confirmInline(button, { text, yes, no: this.s.cancel }, button.closest('.maturity__buttons') ?? button);
  }

  private async clearAnswers(button: HTMLButtonElement) {
    const n = Object.keys(this.answers).length;
    if (n > 0 && !(await this.ask(button, format(this.s.clearConfirm, { n }), this.s.clearYes))) return;
    this.answers = {};
    if (this.writable.answers) removeSaved(ANSWERS_KEY);
    this.showAnswers();
    this.update();
    this.status(this.s.cleared);
  }

  private async clearHistory(button: HTMLButtonElement) {
    const n = this.history.length;
    if (n > 0 && !(await this.ask(button, format(this.s.historyClearConfirm, { n }), this.s.historyClearYes))) return;
    this.history = [];
    if (this.writable.history) removeSaved(HISTORY_KEY);
    this.renderHistory();
    this.status(this.s.historyCleared);
  }

  private async clearTeam(button: HTMLButtonElement) {
    const n = this.members.length;
    if (n > 0 && !(await this.ask(button, format(this.s.teamClearConfirm, { n }), this.s.teamClearYes))) return;
    this.members = [];
    this.saveTeam();
    this.status('', '.maturity__team-status');
    this.renderTeam();
  }

  private saveTeam() {
    this.store('team', TEAM_KEY, teamText(this.members));
  }

  private get memberName(): string {
    return this.querySelector<HTMLInputElement>('input[name="member"]')?.value.trim() ?? '';
  }

  private download(file: string, type: string, text: string) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    this.urls.push(url);
    const a = el('a');
    a.href = url;
    a.download = file;
    a.hidden = true;
    this.append(a);
    a.click();
    a.remove();
    this.status(format(this.s.exported, { file }));
  }

  private fileStem(): string {
    const name = this.memberName.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
    return `tracing-maturity${name ? `-${name}` : ''}-${new Date().toISOString().slice(0, 10)}`;
  }

  private exportJson() {
    const data = toExport(this.model, this.answers, this.result, this.memberName, new Date());
    this.download(`${this.fileStem()}.json`, 'application/json', JSON.stringify(data, null, 2) + '\n');
  }

  private exportMarkdown() {
    const s = this.s;
    const r = this.result;
    const labels: ReportLabels = {
      title: s.title, date: s.date, overall: s.overall, stage: s.stage, dimension: s.dimension, score: s.score,
      dontKnow: s.dontKnow, notScored: s.notScored, recommendations: s.recommendations, none: s.recommendationsNone,
      blocks: s.blocks, unknown: s.unknown, read: s.read, answers: s.answers, question: s.question, answer: s.answer,
      unanswered: s.unanswered, answered: s.answered,
    };
    const lessonText = (q: PageQuestion) => {
      const label = lessonLabel(q.lesson, s);
      return q.lesson.href ? `[${label}](${new URL(q.lesson.href, location.href).href})` : label;
    };
    const md = toMarkdown(this.model, this.answers, r, recommendations(this.model, r), labels, new Date(), lessonText);
    this.download(`${this.fileStem()}.md`, 'text/markdown', md);
  }

  private share() {
    const link = `${location.origin}${location.pathname}#${encodeAnswers(this.model, this.answers)}`;
    const box = this.querySelector<HTMLElement>('.maturity__share')!;
    const input = box.querySelector('input')!;
    input.value = link;
    box.hidden = false;
    input.focus();
    input.select();
  }

  private async copy() {
    const input = this.querySelector<HTMLInputElement>('.maturity__share input')!;
    try {
      await navigator.clipboard.writeText(input.value);
      this.status(this.s.copied);
    } catch {
      input.select();
      this.status(this.s.copyFailed);
    }
  }

  // ── History ──────────────────────────────────────────────────────────────────────────────────────

  private save() {
    const r = this.result;
    const entry: HistoryEntry = {
      date: new Date().toISOString(),
      model: this.model.version,
      overall: r.overall,
      stage: r.stage,
      answered: r.answered,
      dimensions: Object.fromEntries(r.dimensions.map((d) => [d.id, d.score])),
    };
    this.history = appendHistory(this.history, entry);
    this.store('history', HISTORY_KEY, JSON.stringify(this.history));
    this.renderHistory();
    this.status(this.s.saved);
  }

  private renderHistory() {
    const s = this.s;
    const list = this.history;
    const body = this.querySelector<HTMLElement>('.maturity__history-body')!;
    if (list.length === 0) {
      body.replaceChildren(el('p', s.historyNone));
      return;
    }
    const table = el('table');
    const head = table.createTHead().insertRow();
    for (const [text, num] of [[s.date, false], [s.overall, true], [s.stage, false], [s.answered, true]] as const) head.append(el('th', text, num ? 'num' : undefined));
    const tbody = table.createTBody();
    for (const e of [...list].reverse()) {
      const row = tbody.insertRow();
      const name = this.model.stages[e.stage]?.name ?? '';
      row.append(
        el('td', new Date(e.date).toLocaleString(this.model.lang)),
        el('td', fmtScore(e.overall, s), 'num'),
        el('td', `${e.stage}${name ? ` · ${name}` : ''}`),
        el('td', String(e.answered), 'num'),
      );
    }
    body.replaceChildren(sparkline(list.map((e) => e.overall), s.historyChart), table);
  }

  // ── Team view ────────────────────────────────────────────────────────────────────────────────────

  private addMember(name: string, answers: Answers) {
    this.members.push({ name, answers });
    this.saveTeam();
    this.status(format(this.s.teamAdded, { name }), '.maturity__team-status');
    this.renderTeam();
  }

  private addImported(text: string, file: string): { ok: boolean; message: string } {
    const got = parseExport(this.model, text);
    if (!got.ok) return { ok: false, message: format(this.s[`teamError.${got.error}`], { file: file || this.s.teamPaste }) };
    const name = got.name || file || format(this.s.teamMember, { n: this.members.length + 1 });
    this.members.push({ name, answers: got.answers });
    this.saveTeam();
    const messages = [format(this.s.teamAdded, { name })];
    if (got.ignored) messages.push(format(this.s.teamIgnored, { name, n: got.ignored }));
    return { ok: true, message: messages.join(' ') };
  }

  private async addFiles(files: File[]) {
    const messages: string[] = [];
    for (const f of files) messages.push(this.addImported(await f.text(), f.name.replace(/\.json$/i, '')).message);
    this.status(messages.join(' '), '.maturity__team-status');
    this.renderTeam();
  }

  private addPasted() {
    const area = this.querySelector<HTMLTextAreaElement>('#maturity-team-paste')!;
    if (!area.value.trim()) return;
    const { ok, message } = this.addImported(area.value, '');
    if (ok) area.value = '';
    this.status(message, '.maturity__team-status');
    this.renderTeam();
  }

  private renderTeam() {
    const s = this.s;
    const m = this.model;
    const body = this.querySelector<HTMLElement>('.maturity__team-body')!;
    if (this.members.length === 0) {
      body.replaceChildren(el('p', s.teamEmpty));
      return;
    }
    const team = aggregateTeam(m, this.members);
    const out: Node[] = [];
    const count = el('p', format(s.teamMembers, { n: team.members }), 'maturity__team-count');
    count.dataset.members = String(team.members);
    out.push(count);

    const members = el('ul', undefined, 'maturity__members');
    this.members.forEach((member, i) => {
      const li = el('li');
      const r = team.results[i];
      li.append(`${member.name}: ${format(s.outOf10, { score: fmtScore(r.overall, s) })} · ${s.stage} ${r.stage} `);
      const remove = el('button', s.teamRemove, 'maturity__secondary');
      remove.type = 'button';
      remove.setAttribute('aria-label', `${s.teamRemove}: ${member.name}`);
      remove.addEventListener('click', () => {
        this.members.splice(i, 1);
        this.saveTeam();
        this.renderTeam();
      });
      li.append(remove);
      members.append(li);
    });
    out.push(members);

    out.push(dotPlot(team.dimensions.map((d, i) => ({ label: m.dimensions[i].name, ...d })), s.teamChart));
    const table = el('table');
    const head = table.createTHead().insertRow();
    for (const [text, num] of [[s.dimension, false], [s.teamMin, true], [s.teamMedian, true], [s.teamMax, true], [s.teamSpread, true], ['', false]] as const) head.append(el('th', text, num ? 'num' : undefined));
    const tbody = table.createTBody();
    team.dimensions.forEach((d, i) => {
      const row = tbody.insertRow();
      row.dataset.dimension = d.id;
      row.append(
        el('th', m.dimensions[i].name),
        el('td', fmtScore(d.min, s), 'num'),
        el('td', fmtScore(d.median, s), 'num'),
        el('td', fmtScore(d.max, s), 'num'),
        el('td', fmtScore(d.spread, s), 'num'),
        el('td', d.agree === null ? '' : d.agree ? s.teamAgree : s.teamDisagree, d.agree === false ? 'maturity__split' : undefined),
      );
    });
    out.push(table);

    out.push(el('h3', s.teamStages));
    const stages = el('ul');
    team.stages.forEach((n, k) => stages.append(el('li', `${k} · ${m.stages[k].name}: ${n}`)));
    out.push(stages);

    out.push(el('h3', s.teamQuestions));
    if (team.disagreements.length === 0) out.push(el('p', s.teamQuestionsNone));
    const list = el('ul', undefined, 'maturity__disagreements');
    for (const d of team.disagreements) {
      const q = this.question(d.id);
      const li = el('li');
      li.dataset.question = q.id;
      const labels: [string, string][] = [
        ...q.options.map((o): [string, string] => [o.id, o.label]),
        [DONT_KNOW, m.dontKnow],
        [NOT_APPLICABLE, m.notApplicable],
        ['unanswered', s.unanswered],
      ];
      const counts = labels.filter(([id]) => d.counts[id]).map(([id, label]) => `${label}: ${d.counts[id]}`).join(' · ');
      li.append(el('strong', q.text), el('br'), counts);
      list.append(li);
    }
    if (team.disagreements.length) out.push(list);
    body.replaceChildren(...out);
  }

  // ── Checklists finished in the lessons (quiz progress, src/quiz/progress.ts) ────────────────────

  private async showChecklists() {
    let done: Record<string, { done: number; total: number }>;
    try {
      const progress = await import('../../quiz/progress.ts');
      done = progress.checklistCompletion();
    } catch {
      return;
    }
    for (const q of this.model.questions) {
      if (!q.checklist) continue;
      const c = done[q.checklist.slug];
      if (!c || c.total === 0 || c.done < c.total) continue;
      const p = this.querySelector<HTMLElement>(`#q-${q.id} .maturity__checklist`);
      if (!p) continue;
      p.textContent = format(this.s.checklistDone, { lesson: q.checklist.number || q.checklist.title || q.checklist.slug });
      p.hidden = false;
    }
  }
}

export function defineMaturityAssessment() {
  if (!customElements.get('maturity-assessment')) customElements.define('maturity-assessment', MaturityAssessmentElement);
}
