import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('detectLanguage', () => {
  const cases: [string, string][] = [
    ['en', 'The delivery was late and nobody answered my emails.'],
    ['pl', 'Paczka przyszła szybko, ale była uszkodzona.'],
    ['tr', 'Kargo çok hızlı geldi, teşekkür ederim.'],
    ['tr', 'urun cok guzel ama kargo gec geldi'],
    ['he', 'השירות היה איטי מאוד'],
    ['zh', '送餐速度太慢了'],
    ['de', 'Die Lieferung kam zwei Tage zu spät.'],
    ['es', 'El pedido llegó a tiempo y bien embalado.'],
    ['fr', 'Le colis est arrivé en retard.'],
    ['pt', 'O produto chegou antes do prazo.'],
    ['ar', 'الخدمة كانت ممتازة وسريعة'],
    ['it', 'Il servizio clienti è stato molto gentile.'],
    ['ja', '配達がとても遅かったです'],
  ];
  it.each(cases)('%s: %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("returns 'und' when there are no letters", () => {
    expect(detectLanguage('👍 123 !!!')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });

  it('uses the hint when the text is too short to tell', () => {
    expect(detectLanguage('ok', { hint: 'de' })).toBe('de');
    expect(detectLanguage('👍', { hint: 'pt-BR' })).toBe('pt');
  });

  it('a script that only one language uses wins over the hint', () => {
    expect(detectLanguage('מצוין', { hint: 'en' })).toBe('he');
  });
});
