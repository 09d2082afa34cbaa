/**
 * The in-page survey widget: asks the server which surveys are due for this visitor
 * (`GET /api/v1/surveys/due`) and shows the first in their language, right-to-left for Hebrew and
 * Arabic, inside a shadow root so the site's styles cannot reach it.
 */
type Text = Record<string, string>;
interface Question { id: string; type: string; text: Text; choices?: { id: string; text: Text }[]; multiple?: boolean; showIf?: { question: string; min?: number; max?: number } }
interface DueSurvey { id: string; languages: string[]; defaultLanguage: string; questions: Question[]; thankYou?: Text }

const SCALE: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7], emotion: [1, 5] };
const FACES = ['😞', '🙁', '😐', '🙂', '😄'];
const RTL = ['he', 'ar', 'fa', 'ur'];

function pickLanguage(s: DueSurvey): string {
  for (const want of navigator.languages || [navigator.language]) {
    const hit = s.languages.find((l) => l.toLowerCase() === want.toLowerCase()) || s.languages.find((l) => l.split('-')[0] === want.split('-')[0]);
    if (hit) return hit;
  }
  return s.defaultLanguage;
}

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text) e.textContent = text;
  return e;
}

export function showSurvey(host: string, writeKey: string, who: { userId: string | null; anonymousId: string }, s: DueSurvey): void {
  const lang = pickLanguage(s);
  const t = (x: Text) => x[lang] || x[s.defaultLanguage] || Object.values(x)[0];
  const box = el('div', { id: 'tp-survey' });
  const root = box.attachShadow({ mode: 'open' });
  root.innerHTML = '<style>form{position:fixed;bottom:16px;inset-inline-end:16px;max-width:360px;background:#fff;color:#111;border:1px solid #ccc;border-radius:8px;padding:12px 16px;font:14px system-ui,sans-serif;box-shadow:0 4px 16px #0003;z-index:2147483647}fieldset{border:0;margin:0 0 10px;padding:0}legend{font-weight:600;margin-bottom:6px}label{display:inline-block;margin:2px}textarea{width:100%;box-sizing:border-box}button{margin-top:4px}.x{float:inline-end;border:0;background:none;font-size:18px;cursor:pointer}</style>';
  const form = el('form', { dir: RTL.includes(lang.split('-')[0]) ? 'rtl' : 'ltr', lang, role: 'dialog', 'aria-label': 'survey' }) as HTMLFormElement;
  const close = el('button', { type: 'button', class: 'x', 'aria-label': 'close' }, '×');
  close.onclick = () => box.remove();
  form.appendChild(close);
  const answers: Record<string, unknown> = {};
  const sets: [Question, HTMLElement][] = [];
  const logic = () => sets.forEach(([q, fs]) => {
    const v = q.showIf && answers[q.showIf.question];
    fs.hidden = !!q.showIf && !(typeof v === 'number' && (q.showIf.min === undefined || v >= q.showIf.min) && (q.showIf.max === undefined || v <= q.showIf.max));
  });
  for (const q of s.questions) {
    const fs = el('fieldset', { 'data-q': q.id });
    fs.appendChild(el('legend', {}, t(q.text)));
    const range = SCALE[q.type];
    if (range) {
      for (let v = range[0]; v <= range[1]; v++) {
        const label = el('label');
        const input = el('input', { type: 'radio', name: q.id, value: String(v) }) as HTMLInputElement;
        input.onchange = () => { answers[q.id] = v; logic(); };
        label.append(input, q.type === 'emotion' ? FACES[v - 1] : String(v));
        fs.appendChild(label);
      }
    } else if (q.type === 'choice') {
      for (const c of q.choices || []) {
        const label = el('label');
        const input = el('input', { type: q.multiple ? 'checkbox' : 'radio', name: q.id, value: c.id }) as HTMLInputElement;
        input.onchange = () => {
          const picked = Array.from(fs.querySelectorAll('input:checked'), (i) => (i as HTMLInputElement).value);
          answers[q.id] = q.multiple ? picked : picked[0];
        };
        label.append(input, ' ' + t(c.text));
        fs.appendChild(label);
      }
    } else {
      const area = el('textarea', { name: q.id, rows: '3', maxlength: '5000' }) as HTMLTextAreaElement;
      area.oninput = () => { if (area.value.trim()) answers[q.id] = area.value.trim(); else delete answers[q.id]; };
      fs.appendChild(area);
    }
    sets.push([q, fs]);
    form.appendChild(fs);
  }
  logic();
  form.appendChild(el('button', { type: 'submit' }, RTL.includes(lang.split('-')[0]) ? '←' : '→'));
  form.onsubmit = (e) => {
    e.preventDefault();
    const shown: Record<string, unknown> = {};
    sets.forEach(([q, fs]) => { if (!fs.hidden && answers[q.id] !== undefined) shown[q.id] = answers[q.id]; });
    const body: Record<string, unknown> = { writeKey, surveyId: s.id, answers: shown, language: lang, channel: 'web' };
    if (who.userId) body.userId = who.userId; else body.anonymousId = who.anonymousId;
    fetch(host + '/api/v1/responses', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body), keepalive: true })
      .then((r) => { form.textContent = r.ok ? (s.thankYou ? t(s.thankYou) : '✓') : '×'; setTimeout(() => box.remove(), 3000); });
  };
  root.appendChild(form);
  document.body.appendChild(box);
}

/** Asks once which surveys are due and shows the first. */
export function checkSurveys(host: string, writeKey: string, who: () => { userId: string | null; anonymousId: string }): void {
  const id = who();
  const q = 'writeKey=' + encodeURIComponent(writeKey) + (id.userId ? '&userId=' + encodeURIComponent(id.userId) : '&anonymousId=' + encodeURIComponent(id.anonymousId));
  fetch(host + '/api/v1/surveys/due?' + q)
    .then((r) => (r.ok ? r.json() : { surveys: [] }))
    .then((r: { surveys: DueSurvey[] }) => { if (r.surveys[0] && !document.getElementById('tp-survey')) showSurvey(host, writeKey, who(), r.surveys[0]); })
    .catch(() => undefined);
}
