import { type Confidence, getSource, type SourceId } from '@/lib/matrix';
import { CONFIDENCE_WORDS } from './words';

/** "documented · Source: <title>", linked where the team has a verified address. */
export function Citation({ confidence, source }: { confidence: Confidence; source: SourceId }) {
  const s = getSource(source);
  return (
    <span class="ex-citation">
      <span class={`ex-confidence ex-confidence-${confidence}`}>
        {CONFIDENCE_WORDS[confidence]}
      </span>
      {' · Source: '}
      {s.url ? (
        <a href={s.url} target="_blank" rel="noopener noreferrer">
          {s.title}
        </a>
      ) : (
        s.title
      )}
    </span>
  );
}
