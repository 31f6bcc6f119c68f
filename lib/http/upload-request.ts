// The one reading of an upload's file name, shared by the API's and the portal's PoE upload routes: both send
// the raw file as the body and its name URI-encoded in X-File-Name (a header cannot carry arbitrary Unicode).
import { ClaimError } from "../claims/errors";

export const FILE_NAME_HEADER = "x-file-name";

/** The decoded X-File-Name ("" when absent: the upload use case then refuses the missing name). */
export function uploadFileName(request: Request): string {
  const raw = request.headers.get(FILE_NAME_HEADER) ?? "";
  try {
    return decodeURIComponent(raw);
  } catch {
    const message = "Send X-File-Name URL-encoded, e.g. statement%20of%20work.pdf.";
    throw new ClaimError("VALIDATION", message, [{ path: "X-File-Name", message }]);
  }
}
