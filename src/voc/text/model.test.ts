import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel, MODEL_FILE, modelLanguages } from './model.ts';

describe('shipped sentiment model', () => {
  it('loads, with weights for each trained language', () => {
    const { file, langs } = loadModel();
    expect(file.format).toBe('touchpoint-sentiment/1');
    expect(modelLanguages()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'he', 'it', 'pt']);
    for (const m of langs.values()) {
      expect(m.weights.size).toBeGreaterThan(1000);
      expect(Number.isFinite(m.bias)).toBe(true);
    }
  });

  it('records its training sets, which are only may-train data', () => {
    const { file } = loadModel();
    const readme = readFileSync(new URL('./README.md', MODEL_FILE), 'utf8');
    for (const sets of Object.values(file.trainingSets)) for (const s of sets) expect(readme).toContain(s);
    expect(readme).toMatch(/XLM-T/);
    expect(readme).toMatch(/Hebrew/);
    expect(readme).toMatch(/Olist/);
    // Evaluation-only sets must not train it.
    const trained = JSON.stringify(file.trainingSets).toLowerCase();
    for (const evalOnly of ['polemo', 'beyazperde', 'waimai']) expect(trained).not.toContain(evalOnly);
  });
});
