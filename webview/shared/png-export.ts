// PNG export of a canvas as the user sees it: drawn on the theme background (a canvas is transparent where
// nothing was drawn, which reads as black or white depending on the viewer). Used by every panel's PNG export.
import type { ThemeColors } from './theme';

export function pngDataUrl(canvas: HTMLCanvasElement, colors: ThemeColors): string {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return out.toDataURL('image/png');
}
