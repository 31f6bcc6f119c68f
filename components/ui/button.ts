// The portal's button looks, as class names: for <button>, and for a <Link> that acts as one (same look,
// same focus ring from the global styles). Colour is never the only signal: every button has a text label.

export const buttonClass =
  "inline-flex items-center justify-center rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded border border-slate-400 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded bg-rose-700 px-4 py-2 font-medium text-white hover:bg-rose-800 disabled:opacity-60";
