"use client";

// A button that opens a modal native <dialog> (showModal: focus moves in, Escape closes, the page behind is
// inert, focus returns to the button on close). Content can close it through useCloseDialog().
import { createContext, useCallback, useContext, useEffect, useId, useRef, type ReactNode } from "react";

const CloseContext = createContext<() => void>(() => {});

export function useCloseDialog(): () => void {
  return useContext(CloseContext);
}

export function ModalDialog(props: {
  buttonLabel: ReactNode;
  title: ReactNode;
  closeLabel: string;
  children: ReactNode;
  buttonClassName?: string;
  testId?: string;
  wide?: boolean;
  /** Open as soon as the page shows (a link led to the dialog's content, e.g. an older window of the history). */
  openOnLoad?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useCallback(() => ref.current?.close(), []);
  useEffect(() => {
    if (props.openOnLoad && !ref.current?.open) ref.current?.showModal();
  }, [props.openOnLoad]);
  return (
    <>
      <button
        type="button"
        className={props.buttonClassName}
        onClick={() => ref.current?.showModal()}
        aria-haspopup="dialog"
        data-testid={props.testId ? `${props.testId}-open` : undefined}
      >
        {props.buttonLabel}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        data-testid={props.testId}
        className={`m-auto w-[calc(100%-2rem)] ${props.wide ? "max-w-4xl" : "max-w-2xl"} rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50`}
      >
        <div className="sticky top-0 z-10 flex items-start justify-between gap-4 border-b border-slate-200 bg-white px-5 py-3">
          <h2 id={titleId} className="text-lg font-semibold">
            {props.title}
          </h2>
          <button
            type="button"
            onClick={close}
            className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100"
            data-testid={props.testId ? `${props.testId}-close` : undefined}
          >
            <span aria-hidden="true">✕ </span>
            {props.closeLabel}
          </button>
        </div>
        <div className="px-5 py-4">
          <CloseContext.Provider value={close}>{props.children}</CloseContext.Provider>
        </div>
      </dialog>
    </>
  );
}
