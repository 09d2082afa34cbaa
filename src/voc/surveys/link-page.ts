import { isRtl, SCALES, type Question, type Survey } from './definition.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The best of the survey's languages for an explicit `?lang=` or the browser's Accept-Language. */
export function pickLanguage(survey: Survey, explicit: string | undefined, acceptLanguage: string | undefined): string {
  const wanted = [explicit, ...(acceptLanguage ?? '').split(',').map((p) => p.split(';')[0].trim())].filter(Boolean) as string[];
  for (const w of wanted) {
    const exact = survey.languages.find((l) => l.toLowerCase() === w.toLowerCase());
    if (exact) return exact;
    const base = survey.languages.find((l) => l.split('-')[0] === w.split('-')[0].toLowerCase());
    if (base) return base;
  }
  return survey.defaultLanguage;
}

const text = (t: Record<string, string>, lang: string, fallback: string) => t[lang] ?? t[fallback] ?? Object.values(t)[0];

function questionHtml(q: Question, lang: string, fallback: string): string {
  const label = `<legend>${esc(text(q.text, lang, fallback))}</legend>`;
  const show = q.showIf ? ` data-show-if='${esc(JSON.stringify(q.showIf))}' hidden` : '';
  let body: string;
  switch (q.type) {
    case 'nps': case 'csat': case 'ces': case 'emotion': {
      const { min, max } = SCALES[q.type];
      const faces = ['😞', '🙁', '😐', '🙂', '😄'];
      body = Array.from({ length: max - min + 1 }, (_, i) => min + i)
        .map((v) => `<label class="opt"><input type="radio" name="${q.id}" value="${v}"><span>${q.type === 'emotion' ? faces[v - 1] : v}</span></label>`).join('');
      body = `<div class="scale">${body}</div>`;
      break;
    }
    case 'choice':
      body = q.choices!.map((c) => `<label class="choice"><input type="${q.multiple ? 'checkbox' : 'radio'}" name="${q.id}" value="${esc(c.id)}"> ${esc(text(c.text, lang, fallback))}</label>`).join('');
      break;
    case 'text':
      body = `<textarea name="${q.id}" rows="4" maxlength="5000"></textarea>`;
      break;
  }
  return `<fieldset data-q="${q.id}" data-type="${q.type}"${show}>${label}${body}</fieldset>`;
}

/**
 * `GET /s/{surveyId}`: a self-contained page (no external assets) in the customer's language, with
 * `dir="rtl"` for Hebrew and Arabic. It posts to `/api/v1/responses` with the workspace's public write key.
 * `preview` (the survey builder's live preview, in a sandboxed frame) sends nothing and stores nothing.
 */
export function linkPage(survey: Survey, writeKey: string, lang: string, userId?: string, options: { preview?: boolean } = {}): string {
  const dir = isRtl(lang) ? 'rtl' : 'ltr';
  const thanks = survey.thankYou ? text(survey.thankYou, lang, survey.defaultLanguage) : '✓';
  const config = JSON.stringify({ surveyId: survey.id, writeKey, language: lang, userId: userId ?? null, preview: options.preview === true }).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="${esc(lang)}" dir="${dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(survey.name)}</title>
<style>body{font-family:system-ui,"Noto Sans","Noto Sans CJK SC","Noto Sans Hebrew",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
fieldset{border:0;margin:0 0 1.5rem;padding:0}legend{font-weight:600;margin-bottom:.5rem}.scale{display:flex;flex-wrap:wrap;gap:.25rem}
.opt input,.choice input{accent-color:#2563eb}.opt span{display:inline-block;min-width:2.2rem;padding:.4rem;text-align:center;border:1px solid #cbd5e1;border-radius:.4rem;cursor:pointer}
.opt input{position:absolute;opacity:0}.opt input:checked+span{background:#2563eb;color:#fff}.opt input:focus-visible+span{outline:2px solid #1d4ed8}
.choice{display:block;margin:.25rem 0}textarea{width:100%;box-sizing:border-box}button{padding:.6rem 1.2rem;background:#2563eb;color:#fff;border:0;border-radius:.4rem}
#msg{margin-top:1rem}</style></head><body><main><h1>${esc(survey.name)}</h1><form id="f">
${survey.questions.map((q) => questionHtml(q, lang, survey.defaultLanguage)).join('\n')}
<button type="submit">${dir === 'rtl' ? '&#x2190;' : '&#x2192;'}</button></form><p id="msg" role="status"></p></main>
<script>(function(){var c=${config};var f=document.getElementById('f');
var anon=c.preview?'preview':localStorage.getItem('tp_anon');if(!anon){anon=(crypto.randomUUID?crypto.randomUUID():String(Math.random()).slice(2));localStorage.setItem('tp_anon',anon);}
var rid=(crypto.randomUUID?crypto.randomUUID():String(Math.random()).slice(2));
function answers(){var a={};f.querySelectorAll('fieldset').forEach(function(fs){if(fs.hidden)return;var q=fs.dataset.q,t=fs.dataset.type;
if(t==='text'){var v=fs.querySelector('textarea').value.trim();if(v)a[q]=v;}else if(t==='choice'){var p=[].map.call(fs.querySelectorAll('input:checked'),function(i){return i.value});if(p.length)a[q]=fs.querySelector('input').type==='checkbox'?p:p[0];}
else{var s=fs.querySelector('input:checked');if(s)a[q]=Number(s.value);}});return a;}
function logic(){var a=answers();f.querySelectorAll('fieldset[data-show-if]').forEach(function(fs){var r=JSON.parse(fs.dataset.showIf);var v=a[r.question];
var on=v!==undefined&&(r.anyOf?[].concat(v).some(function(x){return r.anyOf.indexOf(String(x))>=0}):(typeof v==='number'&&(r.min===undefined||v>=r.min)&&(r.max===undefined||v<=r.max)));fs.hidden=!on;});}
f.addEventListener('change',logic);
f.addEventListener('submit',function(e){e.preventDefault();if(c.preview){document.getElementById('msg').textContent=${JSON.stringify(thanks)}+' (preview: nothing was sent)';return;}var body={surveyId:c.surveyId,writeKey:c.writeKey,answers:answers(),language:c.language,responseId:rid,channel:'web'};
if(c.userId)body.userId=c.userId;else body.anonymousId=anon;
fetch('/api/v1/responses',{method:'POST',headers:{'content-type':'text/plain'},body:JSON.stringify(body)}).then(function(r){return r.json().then(function(j){
document.getElementById('msg').textContent=r.ok?${JSON.stringify(thanks)}:(j.error||'Error');if(r.ok)f.hidden=true;});});});})();</script></body></html>`;
}
