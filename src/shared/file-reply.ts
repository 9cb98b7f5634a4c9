import type { FastifyReply } from 'fastify';

/**
 * Headers for an uploaded file served back. A PDF or anything but a plain picture is a
 * download (`attachment`), never a document rendered on our origin; pictures stay inline for
 * `<img>`. Either way the browser may not sniff another type, and the response is sandboxed: a
 * script inside a file cannot reach the app's cookies or API.
 */
export function sendUploadedFile(
  reply: FastifyReply,
  file: { contentType: string; filename: string; body: Buffer },
) {
  const inline = file.contentType === 'image/jpeg' || file.contentType === 'image/png';
  const safeName = file.filename.replace(/[^\w.-]/g, '_');
  return reply
    .type(file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${safeName}"`)
    .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'")
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}
