// Small inline icons (no icon font: the portal renders offline and the emoji glyphs are not everywhere).
// Decorative: every icon sits next to text that says the same thing.

export function LockIcon({ className = "inline h-4 w-4 align-[-2px]" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={className} fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" />
    </svg>
  );
}

export function ClockIcon({ className = "inline h-4 w-4 align-[-2px]" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={className} fill="none" stroke="currentColor" strokeWidth="1.5">
      <circle cx="8" cy="8" r="6.25" />
      <path d="M8 4.5V8l2.5 1.5" />
    </svg>
  );
}
