/** Request helpers shared by route actions. */

/**
 * The posted form, or an empty one when the body is not a form at all (JSON, a broken multipart body, a wrong
 * content type): validation then answers with its usual field messages instead of a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}
