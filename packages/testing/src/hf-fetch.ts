const huggingFaceHosts = /^https:\/\/((router\.)?huggingface\.co|queue\.fal\.run)(?=[/?#]|$)/;
/** fal's file host, where fal-ai results are downloaded from. */
const falFileHost = /^https:\/\/(v\d+\.)?fal\.media(?=[/?#]|$)/;
const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(?=[/?#]|$)/;

/**
 * A `fetch` that sends `https://router.huggingface.co/...`, `https://huggingface.co/...` and
 * fal's queue `https://queue.fal.run/...` to
 * `origin` (a fake server) and fal's file host `https://v3.fal.media/...` to `fileOrigin`, passes
 * loopback URLs through, and refuses everything else, so a test can never reach the network.
 * Give it to `new InferenceClient(token, { fetch })`.
 */
export function huggingFaceRewritingFetch(origin: string, fileOrigin = origin): typeof fetch {
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const rewritten = url.replace(huggingFaceHosts, origin).replace(falFileHost, fileOrigin);
    if (!loopback.test(rewritten)) {
      return Promise.reject(new Error(`fake Hugging Face fetch refused a non-local URL: ${url}`));
    }
    if (input instanceof Request) return fetch(new Request(rewritten, input), init);
    return fetch(rewritten, init);
  };
}
