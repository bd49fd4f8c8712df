import type { SVGProps } from 'react';

/** Stepper glyphs, drawn like components/icons.tsx (24px grid, 2px stroke). */
function Glyph({ children, size = 20, ...props }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

type P = { size?: number; className?: string };

export const ReceivedGlyph = (p: P) => (
  <Glyph {...p}>
    <path d="M6 3h12v18l-3-2-3 2-3-2-3 2V3Zm3 5h6M9 12h6M9 16h4" />
  </Glyph>
);
export const PackedGlyph = (p: P) => (
  <Glyph {...p}>
    <path d="M5 8h14l-1 13H6L5 8Z" />
    <path d="M9 8V6a3 3 0 0 1 6 0v2" />
  </Glyph>
);
export const ScooterGlyph = (p: P) => (
  <Glyph {...p}>
    <circle cx="6" cy="17" r="2.5" />
    <circle cx="18" cy="17" r="2.5" />
    <path d="M8.5 17h6.5l2-9h2.5M3 8h7v5H3z" />
  </Glyph>
);
export const DoorGlyph = (p: P) => (
  <Glyph {...p}>
    <path d="M3 11 12 4l9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1v-9Z" />
  </Glyph>
);
export const DoneGlyph = (p: P) => (
  <Glyph {...p}>
    <path d="m5 12 5 5 9-10" />
  </Glyph>
);
export const CrossGlyph = (p: P) => (
  <Glyph {...p}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Glyph>
);
export const BangGlyph = (p: P) => (
  <Glyph {...p}>
    <path d="M12 8v5M12 16.5v.5" />
    <circle cx="12" cy="12" r="9" />
  </Glyph>
);
