import { create } from "qrcode";
import { useId, useMemo } from "react";

/** Light modules around the code, as scanners expect (ISO/IEC 18004 quiet zone). */
const QUIET = 4;

/**
 * `text` as a QR code, drawn as one SVG path from the `qrcode` library's module matrix: no canvas,
 * no data: URL and no markup string, so nothing here needs more than the page's CSP allows. An image
 * with an accessible name; the page shows the same content as text beside it.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const titleId = useId();
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: "M" });
    let d = "";
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++)
        if (modules.get(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    return { size: modules.size + QUIET * 2, path: d };
  }, [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{label}</title>
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
