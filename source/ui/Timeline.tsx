import { Text } from 'ink';
import stringWidth from 'string-width';
import type { ReplayPosition } from '../feed/replay-control.js';
import { clockText, dateTimeText } from '../feed/replay-time.js';
import type { Messages } from '../i18n/index.js';
import { fit } from './format.js';
import type { Theme } from './theme.js';

export interface TimelineProps {
  position: ReplayPosition;
  /** A time being typed after `t`, or null. */
  entry: string | null;
  t: Messages;
  theme: Theme;
  width: number;
}

/** 1/4x, 1/2x, 1x, 2x ... 256x. */
export function speedText(speed: number): string {
  return speed >= 1 ? `${speed}x` : `1/${1 / speed}x`;
}

/**
 * The replay's line above the footer: playing or paused and how fast, where the replayed moment
 * stands between the recording's ends, its date, and lines that were skipped. Or the time being typed.
 */
export function Timeline({ position, entry, t, theme, width }: TimelineProps) {
  if (entry !== null) {
    return (
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          {t.replay.timePrompt}
        </Text>
        <Text>{entry}</Text>
        <Text inverse> </Text>
        <Text dimColor>{`  ${t.replay.timeHint}`}</Text>
      </Text>
    );
  }
  const { at, start, end, playing, speed } = position;
  const state = `${playing ? t.replay.playing : `${theme.symbols.paused} ${t.replay.paused}`} ${speedText(speed)}`;
  const notes = [
    ...(position.cutLines ? [t.replay.cut(position.cutLines)] : []),
    ...(position.garbage ? [t.replay.skipped(position.garbage)] : []),
  ].join('  ');
  const head = `${state}  ${clockText(start)} `;
  const tail = ` ${clockText(end)}  ${dateTimeText(at)}`;
  // The bar takes what is left, between 10 and 40 cells; the notes go last and may be cut.
  const barWidth = Math.max(10, Math.min(40, width - stringWidth(head) - stringWidth(tail) - 2));
  const share = end > start ? (at - start) / (end - start) : 1;
  const filled = Math.round(share * barWidth);
  const bar = theme.symbols.barFull.repeat(filled) + theme.symbols.barEmpty.repeat(barWidth - filled);
  return (
    <Text wrap="truncate-end">
      <Text bold color={playing ? theme.level('ok').color : theme.pausedColor}>
        {head}
      </Text>
      <Text color={theme.accent}>{bar}</Text>
      <Text>{tail}</Text>
      <Text dimColor>
        {fit(notes ? `  ${notes}` : '', Math.max(0, width - stringWidth(head + tail) - barWidth))}
      </Text>
    </Text>
  );
}
