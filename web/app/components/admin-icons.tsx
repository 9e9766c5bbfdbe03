/** Inline SVG icons of the admin pages (decorative), drawn like those in icons.tsx. */
type IconProps = { className?: string };

const base = { width: 24, height: 24, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

export const TreeIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <rect x="9" y="3" width="6" height="5" rx="1" />
    <rect x="3" y="16" width="6" height="5" rx="1" />
    <rect x="15" y="16" width="6" height="5" rx="1" />
    <path d="M12 8v4M6 16v-4h12v4" />
  </svg>
);

export const UploadIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <path d="M12 15V3M7 8l5-5 5 5" />
    <path d="M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />
  </svg>
);

export const LogIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <rect x="4" y="3" width="16" height="18" rx="2" />
    <path d="M8 8h8M8 12h8M8 16h5" />
  </svg>
);

/** A question bank: a sheet with a question mark. */
export const QuestionBankIcon = ({ className }: IconProps) => (
  <svg {...base} className={className}>
    <rect x="4" y="3" width="16" height="18" rx="2" />
    <path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V14" />
    <path d="M12 17.5v.01" />
  </svg>
);
