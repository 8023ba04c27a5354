import { parseConfigText, type Config } from '../../../src/config/index.js';
import { renderDraft } from '../../../src/init/render.js';
import type { DraftScenario } from '../../../src/init/types.js';

/** Render a draft and parse it with loadgate's own config parser. */
export function renderAndParse(
  draft: DraftScenario,
  env: Record<string, string> = {},
): { yaml: string; data: string | null; config: Config } {
  const rendered = renderDraft(draft, { dataFile: 'loadgate.data.json', probed: null });
  const config = parseConfigText(rendered.yaml, {
    source: 'loadgate.yml',
    baseDir: '/project',
    env,
    cores: 2,
  });
  return { ...rendered, config };
}
