/**
 * How much of a request body the server reads, and in how many pieces. Every body is read as it streams in and
 * refused (413) as soon as one of these is passed, so no client can make the server hold more than this per request
 * however large or however finely cut the body it sends.
 */
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './attachments';

/**
 * All the text of one form, and so of any one field (a 5,000-character Persian text is about 60 KB url-encoded). A
 * field longer than its form allows, within this, is read and answered with the field's own "too long" message.
 */
export const MAX_FORM_BYTES = 1_000_000;
/** Text fields in one form; the largest (a centre's page, with a box per service ticked) has a few dozen. */
export const MAX_FORM_FIELDS = 300;
/** File parts in one multipart body, empty file inputs and refused files included. */
export const MAX_FILE_PARTS = 20;
/**
 * The whole of a multipart submission on the wire. Room for twice the files allowed: a citizen who picked a few too
 * many photos is told "too many" beside the form rather than shown a bare refusal (files past the limit are read
 * and dropped, never kept).
 */
export const MAX_SUBMISSION_BYTES = 2 * MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + MAX_FORM_BYTES;
/** The largest body any endpoint accepts: a declared Content-Length above it is refused before anything is read. */
export const MAX_REQUEST_BYTES = MAX_SUBMISSION_BYTES;
