import { encode } from 'uqr';

/**
 * A QR code drawn as one SVG path (dark modules only), with a quiet zone of four modules. `label` is what a screen
 * reader hears; the code itself carries `value`. Medium error correction survives a projector's glare and a phone held
 * at an angle without making the modules too small to scan from the back of a room.
 */
export function QrCode({ value, label, size = 320 }: { value: string; label: string; size?: number }) {
  const { data } = encode(value, { ecc: 'M', border: 4 });
  const modules = data.length;
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
